import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MinLength } from 'class-validator';
import { Omittable } from '../../shared/omittable.decorator';
import { HasNoControlCharacters, IsNotBlank } from '../../shared/visible-text.decorators';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ada King', minLength: 1, maxLength: 100 })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxCharacters(100)
  @IsNotBlank()
  @HasNoControlCharacters()
  name?: string;
}
