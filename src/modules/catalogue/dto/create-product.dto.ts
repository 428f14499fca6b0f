import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsInt, IsObject, IsOptional, IsString, Matches, Max, Min, MinLength, ValidateNested } from 'class-validator';
import { MAX_STOCK } from '../../../domain/catalogue/product';
import { StoreAmountDto } from '../../shared/store-amount.dto';
import { HasNoControlCharacters, IsNotBlank } from '../../shared/visible-text.decorators';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class CreateProductDto {
  @ApiProperty({ example: 'MUG-BLUE-350', pattern: '^[A-Z0-9-]{1,64}$', minLength: 1, maxLength: 64 })
  @Matches(/^[A-Z0-9-]{1,64}$/, { message: 'sku must be 1 to 64 characters of A-Z, 0-9 and -' })
  sku: string;

  @ApiProperty({ example: 'Blue mug, 350 ml', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxCharacters(200)
  @IsNotBlank()
  @HasNoControlCharacters()
  name: string;

  @ApiPropertyOptional({ example: 'Stoneware, dishwasher safe.', maxLength: 5000, nullable: true })
  @IsOptional()
  @IsString()
  @MaxCharacters(5000)
  description?: string | null;

  @ApiProperty({ type: StoreAmountDto, example: { amount: 1299, currency: 'USD' } })
  @IsDefined()
  @IsObject() // ValidateNested validates an array's elements, and takes an empty one
  @ValidateNested()
  @Type(() => StoreAmountDto)
  price: StoreAmountDto;

  @ApiProperty({ type: 'integer', example: 100, minimum: 0, maximum: MAX_STOCK })
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock: number;
}
