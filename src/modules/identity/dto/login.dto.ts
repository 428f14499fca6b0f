import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@example.com', format: 'email', maxLength: 254 })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'change-me-admin-password', maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  password: string;
}
