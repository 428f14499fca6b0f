import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { CURSOR_MAX_LENGTH } from './cursor';
import { DecimalInteger } from './decimal-integer.transform';
import { MaxCharacters } from './max-characters.decorator';

/** `?limit=&cursor=` of every list. */
export class PageQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20, description: 'How many items, 1..100.' })
  @IsOptional()
  @DecimalInteger()
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;

  @ApiPropertyOptional({ maxLength: CURSOR_MAX_LENGTH, pattern: '^[A-Za-z0-9_-]+$', description: 'The `nextCursor` of the previous page.' })
  @IsOptional()
  @IsString()
  @MaxCharacters(CURSOR_MAX_LENGTH)
  @Matches(/^[A-Za-z0-9_-]+$/)
  cursor?: string;
}
