import { Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ChangePassword } from '../../application/identity/change-password';
import { GetUser } from '../../application/identity/get-user';
import { ListUsers } from '../../application/identity/list-users';
import { RequestEmailChange } from '../../application/identity/request-email-change';
import { UpdateProfile } from '../../application/identity/update-profile';
import { UpdateUser } from '../../application/identity/update-user';
import type { Actor } from '../../application/shared/actor';
import { AdminOnly, Authenticated } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { CurrentActor } from '../shared/current-actor.decorator';
import { decodeCursor, isUuid, pageDto } from '../shared/cursor';
import { PageQueryDto } from '../shared/page-query.dto';
import { PathId } from '../shared/path-id.decorator';
import { Body, Query } from '../shared/validated-input';
import { ChangeEmailDto, MailAcceptedDto } from './dto/account-recovery.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { UpdateMeDto } from './dto/update-me.dto';
import { UpdateUserDto } from './dto/update-user.dto';
import { UserDto, UserPageDto } from './dto/user.dto';

@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(
    private readonly getUser: GetUser,
    private readonly updateProfile: UpdateProfile,
    private readonly changePassword: ChangePassword,
    private readonly listUsers: ListUsers,
    private readonly updateUser: UpdateUser,
    private readonly requestEmailChange: RequestEmailChange,
  ) {}

  @Get('me')
  @Authenticated()
  @ApiOperation({
    operationId: 'getMe',
    summary: 'The caller\'s profile',
    description: 'Who the bearer token belongs to: id, email, name, role, status and when the account was opened.',
  })
  @ApiOkResponse({ type: UserDto })
  async me(@CurrentActor() actor: Actor): Promise<UserDto> {
    return UserDto.from(await this.getUser.execute(actor, actor.userId));
  }

  @Patch('me')
  @Authenticated()
  @ApiOperation({
    operationId: 'updateMe',
    summary: 'Change the caller\'s name',
    description: 'Only the display name can change here; email, role and status are not the caller\'s to change.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 413, 415)
  async updateMe(@CurrentActor() actor: Actor, @Body() body: UpdateMeDto): Promise<UserDto> {
    return UserDto.from(await this.updateProfile.execute(actor, body));
  }

  @Post('me/password')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    operationId: 'changePassword',
    summary: 'Change the caller\'s password; every other session ends',
    description: 'Needs the current password. The new one must pass the strength check. The calling session stays open; every other session of the account ends at once.',
  })
  @ApiNoContentResponse({ description: 'Changed.' })
  @ApiProblems(400, 413, 415)
  async password(@CurrentActor() actor: Actor, @Body() body: ChangePasswordDto): Promise<void> {
    await this.changePassword.execute(actor, body);
  }

  @Post('me/email')
  @HttpCode(202)
  @Authenticated()
  @ApiOperation({
    operationId: 'changeEmail',
    summary: 'Move the caller\'s account to another address, once that address is proven',
    description:
      'Needs the current password. Mails a link to the new address (confirmed through `POST /auth/email-verification/confirm`) and a notice to the current one; ' +
      'the account keeps its address until the link comes back. An address in use by another account is a 409, now and at confirmation.',
  })
  @ApiAcceptedResponse({ type: MailAcceptedDto })
  @ApiProblems(400, 409, 413, 415)
  async email(@CurrentActor() actor: Actor, @Body() body: ChangeEmailDto): Promise<MailAcceptedDto> {
    await this.requestEmailChange.execute(actor, body);
    return { message: 'A link is on its way to the new address.' };
  }

  @Get()
  @AdminOnly()
  @ApiOperation({
    operationId: 'listUsers',
    summary: 'Every account, newest first',
    description: 'Admins only. Keyset pagination: pass `nextCursor` from the previous page as `cursor`.',
  })
  @ApiOkResponse({ type: UserPageDto })
  @ApiProblems(400)
  async list(@Query() query: PageQueryDto): Promise<UserPageDto> {
    const page = await this.listUsers.execute({ limit: query.limit, after: decodeCursor(query.cursor, isUuid) });
    return pageDto(page, UserDto.from);
  }

  @Get(':id')
  @AdminOnly()
  @ApiOperation({
    operationId: 'getUser',
    summary: 'One account',
    description: 'Any account, for an admin; a customer reads their own at GET /users/me. An unknown id is a 404.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404)
  async get(@CurrentActor() actor: Actor, @PathId() id: string): Promise<UserDto> {
    return UserDto.from(await this.getUser.execute(actor, id));
  }

  @Patch(':id')
  @AdminOnly()
  @ApiOperation({
    operationId: 'updateUser',
    summary: 'Change an account\'s role or status',
    description: 'Disabling ends all of the user\'s sessions at once and voids the password-reset and address-change links mailed before. An admin cannot change their own role or status.',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiProblems(400, 404, 413, 415)
  async update(@CurrentActor() actor: Actor, @PathId() id: string, @Body() body: UpdateUserDto): Promise<UserDto> {
    return UserDto.from(await this.updateUser.execute(actor, id, body));
  }
}
