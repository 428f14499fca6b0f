import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class RefreshDto {
  @ApiProperty({ description: 'The refreshToken of the last pair; it is spent by this call.', pattern: '^[0-9a-f-]{36}\\.[A-Za-z0-9_-]{43}$', maxLength: 200 })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}
