import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn } from 'class-validator';
import { Omittable } from '../../shared/omittable.decorator';

export class UpdateUserDto {
  @ApiPropertyOptional({ enum: ['customer', 'admin'] })
  @Omittable()
  @IsIn(['customer', 'admin'])
  role?: 'customer' | 'admin';

  @ApiPropertyOptional({ enum: ['active', 'disabled'], description: 'Disabling ends all of the user\'s sessions.' })
  @Omittable()
  @IsIn(['active', 'disabled'])
  status?: 'active' | 'disabled';
}
