import { ApiProperty } from '@nestjs/swagger';
import type { User } from '../../../domain/identity/user';

/** A user as clients see it: never the password hash or the lockout counters. */
export class UserDto {
  @ApiProperty({ format: 'uuid', maxLength: 36, example: '01937c5e-8a4b-7cde-9f01-23456789abcd' })
  id: string;

  @ApiProperty({ example: 'ada@example.com', format: 'idn-email', maxLength: 254 })
  email: string;

  @ApiProperty({ description: 'Whether the address was proven by a link mailed to it.', example: true })
  emailVerified: boolean;

  @ApiProperty({ example: 'Ada Lovelace', maxLength: 100 })
  name: string;

  @ApiProperty({ enum: ['customer', 'admin'] })
  role: 'customer' | 'admin';

  @ApiProperty({ enum: ['active', 'disabled'] })
  status: 'active' | 'disabled';

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  createdAt: string;

  @ApiProperty({ format: 'date-time', maxLength: 30 })
  updatedAt: string;

  static from(user: User): UserDto {
    return {
      id: user.id,
      email: user.email,
      emailVerified: user.emailVerified,
      name: user.name,
      role: user.role,
      status: user.status,
      createdAt: user.createdAt.toISOString(),
      updatedAt: user.updatedAt.toISOString(),
    };
  }
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto], maxItems: 100 })
  items: UserDto[];

  @ApiProperty({ type: String, nullable: true, pattern: '^[A-Za-z0-9_-]+$', description: 'Pass as `cursor` for the next page; null on the last page.', maxLength: 200 })
  nextCursor: string | null;
}
