import { ApiProperty } from '@nestjs/swagger';
import { IsString, MinLength } from 'class-validator';
import { HasNoControlCharacters, IsNotBlank } from '../../shared/visible-text.decorators';
import { IsEmailAddress } from './email-address.decorator';
import { HasPasswordLength, NEW_PASSWORD_RULE } from './password-length.decorator';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class RegisterDto {
  @ApiProperty({ example: 'ada@example.com', format: 'idn-email', maxLength: 254 })
  @IsString()
  @MaxCharacters(254)
  @IsEmailAddress()
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', minLength: 12, maxLength: 256, description: NEW_PASSWORD_RULE })
  @IsString()
  @MaxCharacters(1024) // bounds what the policy (256, in code points) and the hash are given
  @HasPasswordLength()
  password: string;

  @ApiProperty({ example: 'Ada Lovelace', minLength: 1, maxLength: 100 })
  @IsString()
  @MinLength(1)
  @MaxCharacters(100)
  @IsNotBlank()
  @HasNoControlCharacters()
  name: string;
}
