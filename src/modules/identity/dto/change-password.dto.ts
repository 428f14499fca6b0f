import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { HasPasswordLength, NEW_PASSWORD_RULE } from './password-length.decorator';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class ChangePasswordDto {
  @ApiProperty({ maxLength: 1024 })
  @IsString()
  @MaxCharacters(1024)
  currentPassword: string;

  @ApiProperty({ example: 'a much longer passphrase now', minLength: 12, maxLength: 256, description: NEW_PASSWORD_RULE })
  @IsString()
  @MaxCharacters(1024) // bounds what the policy (256, in code points) and the hash are given
  @HasPasswordLength()
  newPassword: string;
}
