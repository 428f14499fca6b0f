import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ['customer', 'admin'] })
  @IsOptional()
  @IsIn(['customer', 'admin'])
  role?: 'customer' | 'admin';

  @ApiPropertyOptional({ enum: ['active', 'disabled'], description: 'Disabling ends all of the user\'s sessions.' })
  @IsOptional()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}
