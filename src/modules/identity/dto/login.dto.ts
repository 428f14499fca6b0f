import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { EXAMPLE_CUSTOMER } from '../../shared/api-examples';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class LoginDto {
  @ApiProperty({ example: EXAMPLE_CUSTOMER.email, format: 'idn-email', maxLength: 254 })
  @IsString()
  @MaxCharacters(254)
  email: string;

  @ApiProperty({ example: EXAMPLE_CUSTOMER.password, maxLength: 1024 })
  @IsString()
  @MaxCharacters(1024)
  password: string;
}
