import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import { EXAMPLE_CUSTOMER } from '../../shared/api-examples';
import { IsEmailAddress } from './email-address.decorator';
import { HasPasswordLength, NEW_PASSWORD_RULE } from './password-length.decorator';
import { MaxCharacters } from '../../shared/max-characters.decorator';

const TOKEN_EXAMPLE = 'q8N0Vx3c2b1ZtYwK5mJrLd7pQe9sHuFaGi4oXyEnC6M';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{1,256}$/;
const tokenProperty = {
  example: TOKEN_EXAMPLE,
  maxLength: 256,
  pattern: TOKEN_PATTERN.source,
  description: 'The `token` query parameter of the link in the mail.',
};

export class PasswordResetRequestDto {
  @ApiProperty({ example: EXAMPLE_CUSTOMER.email, format: 'idn-email', maxLength: 254 })
  @IsString()
  @MaxCharacters(254)
  @IsEmailAddress()
  email: string;
}

export class PasswordResetConfirmDto {
  @ApiProperty(tokenProperty)
  @IsString()
  @Matches(TOKEN_PATTERN, { message: '$property must be the token of a mailed link' })
  token: string;

  @ApiProperty({ example: 'a brand new long passphrase', minLength: 12, maxLength: 256, description: NEW_PASSWORD_RULE })
  @IsString()
  @MaxCharacters(1024) // bounds what the policy (256, in code points) and the hash are given
  @HasPasswordLength()
  password: string;
}

export class EmailVerificationConfirmDto {
  @ApiProperty(tokenProperty)
  @IsString()
  @Matches(TOKEN_PATTERN, { message: '$property must be the token of a mailed link' })
  token: string;
}

export class ChangeEmailDto {
  @ApiProperty({ example: 'ada.new@example.com', format: 'idn-email', maxLength: 254, description: 'The address to move the account to.' })
  @IsString()
  @MaxCharacters(254)
  @IsEmailAddress()
  email: string;

  @ApiProperty({ example: EXAMPLE_CUSTOMER.password, maxLength: 1024, description: 'The current password.' })
  @IsString()
  @MaxCharacters(1024)
  password: string;
}

/** The reply to a request whose outcome arrives by mail. */
export class MailAcceptedDto {
  @ApiProperty({ example: 'If an account has this address, a link is on its way.', maxLength: 200 })
  message: string;
}
