import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { REFRESH_TOKEN_PATTERN } from './token-pair.dto';
import { MaxCharacters } from '../../shared/max-characters.decorator';

export class RefreshDto {
  @ApiProperty({ description: 'The refreshToken of the last pair; it is spent by this call.', pattern: REFRESH_TOKEN_PATTERN, maxLength: 200 })
  @IsString()
  @MaxCharacters(200)
  refreshToken: string;
}
