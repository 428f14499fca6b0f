import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { EXAMPLE_CUSTOMER } from '../../shared/api-examples';

export class LoginDto {
  @ApiProperty({ example: EXAMPLE_CUSTOMER.email, format: 'idn-email', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: EXAMPLE_CUSTOMER.password, maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  password: string;
}
