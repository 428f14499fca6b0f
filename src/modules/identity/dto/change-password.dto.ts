import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ example: 'a much longer passphrase now', minLength: 12, maxLength: 256 })
  @IsString()
  @MinLength(12)
  @MaxLength(1024)
  newPassword: string;
}
