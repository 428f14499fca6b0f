import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { REFRESH_TOKEN_PATTERN } from './token-pair.dto';

export class RefreshDto {
  @ApiProperty({ description: 'The refreshToken of the last pair; it is spent by this call.', pattern: REFRESH_TOKEN_PATTERN, maxLength: 200 })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}
