import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsObject, IsString, Max, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { Omittable } from '../../shared/omittable.decorator';
import { MAX_STOCK } from '../../../domain/catalogue/product';
import { StoreAmountDto } from '../../shared/store-amount.dto';
import { HasNoControlCharacters, IsNotBlank } from '../../shared/visible-text.decorators';
import { MaxCharacters } from '../../shared/max-characters.decorator';

/** Every field optional; send only what changes. `description: null` clears it. */
export class UpdateProductDto {
  @ApiPropertyOptional({ example: 'Blue mug, 400 ml', minLength: 1, maxLength: 200 })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxCharacters(200)
  @IsNotBlank()
  @HasNoControlCharacters()
  name?: string;

  @ApiPropertyOptional({ maxLength: 5000, nullable: true })
  @ValidateIf((_dto, value) => value !== null && value !== undefined)
  @IsString()
  @MaxCharacters(5000)
  description?: string | null;

  @ApiPropertyOptional({ type: StoreAmountDto, example: { amount: 1499, currency: 'USD' } })
  @Omittable()
  @IsObject() // ValidateNested validates an array's elements, and takes an empty one
  @ValidateNested()
  @Type(() => StoreAmountDto)
  price?: StoreAmountDto;

  @ApiPropertyOptional({ type: 'integer', example: 250, minimum: 0, maximum: MAX_STOCK })
  @Omittable()
  @IsInt()
  @Min(0)
  @Max(MAX_STOCK)
  stock?: number;
}
