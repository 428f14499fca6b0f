import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsString, MinLength, ValidateNested } from 'class-validator';
import { IsNotBlank } from '../../shared/visible-text.decorators';
import { StoreAmountDto } from '../../shared/store-amount.dto';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class RefundOrderDto {
  @ApiProperty({ type: StoreAmountDto, example: { amount: 500, currency: 'USD' } })
  @IsDefined()
  @IsObject() // ValidateNested validates an array's elements, and takes an empty one
  @ValidateNested()
  @Type(() => StoreAmountDto)
  amount: StoreAmountDto;

  @ApiProperty({ example: 'Damaged in transit', minLength: 1, maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxCharacters(500)
  @IsNotBlank()
  reason: string;
}
