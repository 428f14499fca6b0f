import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { HasPasswordLength } from './password-length.decorator';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @MaxCharacters(1024)
  currentPassword: string;

  @ApiProperty({ example: 'a much longer passphrase now', minLength: 12, maxLength: 256 })
  @IsString()
  @MaxCharacters(1024) // the policy's 256 counts code points; this bounds the work of counting them
  @HasPasswordLength()
  newPassword: string;
}
