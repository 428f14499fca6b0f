import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString } from 'class-validator';
import { PageQueryDto } from '../../shared/page-query.dto';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class ProductListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Case-insensitive substring of the name or SKU; % and _ are plain text.', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxCharacters(100)
  search?: string;

  @ApiPropertyOptional({ enum: ['active', 'archived'], default: 'active', description: '`archived` is for admins only.' })
  @IsOptional()
  @IsIn(['active', 'archived'])
  status?: 'active' | 'archived';
}
