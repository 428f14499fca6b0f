import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { Omittable } from '../../shared/omittable.decorator';
import { IsNotBlank } from '../../shared/not-blank.decorator';

export class UpdateMeDto {
  @ApiPropertyOptional({ example: 'Ada King', minLength: 1, maxLength: 100 })
  @Omittable()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  @IsNotBlank()
  name?: string;
}
