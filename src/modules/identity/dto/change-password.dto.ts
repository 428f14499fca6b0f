import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { HasPasswordLength } from './password-length.decorator';

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({ example: 'a much longer passphrase now', minLength: 12, maxLength: 256 })
  @IsString()
  @MaxLength(1024) // the policy's 256 counts code points; this bounds the work of counting them
  @HasPasswordLength()
  newPassword: string;
}
