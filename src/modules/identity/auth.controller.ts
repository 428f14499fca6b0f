import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { LogIn } from '../../application/identity/log-in';
import { LogOut } from '../../application/identity/log-out';
import { RefreshSession } from '../../application/identity/refresh-session';
import { RegisterUser } from '../../application/identity/register-user';
import type { Actor } from '../../application/shared/actor';
import { Authenticated } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { CurrentActor } from '../shared/current-actor.decorator';
import { Public } from '../shared/public.decorator';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { RegisterDto } from './dto/register.dto';
import { TokenPairDto } from './dto/token-pair.dto';
import { UserDto } from './dto/user.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly registerUser: RegisterUser,
    private readonly logIn: LogIn,
    private readonly refreshSession: RefreshSession,
    private readonly logOut: LogOut,
  ) {}

  @Public()
  @Post('register')
  @ApiOperation({
    operationId: 'register',
    summary: 'Open a customer account',
    description: 'Creates a customer account. The password must be at least 12 characters and not a common one. An email already in use is a 409.',
  })
  @ApiCreatedResponse({ type: UserDto })
  @ApiProblems(400, 409, 413, 415)
  async register(@Body() body: RegisterDto): Promise<UserDto> {
    return UserDto.from(await this.registerUser.execute(body));
  }

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'login',
    summary: 'Exchange email and password for an access and a refresh token',
    description: 'Unknown email and wrong password answer the same 401. Five failures in a row lock the account for 15 minutes (429).',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401, 413, 415)
  async login(@Body() body: LoginDto): Promise<TokenPairDto> {
    return TokenPairDto.from(await this.logIn.execute(body));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    operationId: 'refreshSession',
    summary: 'Spend a refresh token for a new pair',
    description: 'The presented refresh token is spent. Presenting a spent one ends the whole session.',
  })
  @ApiOkResponse({ type: TokenPairDto })
  @ApiProblems(400, 401, 413, 415)
  async refresh(@Body() body: RefreshDto): Promise<TokenPairDto> {
    return TokenPairDto.from(await this.refreshSession.execute(body.refreshToken));
  }

  @Post('logout')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    operationId: 'logout',
    summary: 'End this session: its access and refresh tokens stop working at once',
    description: 'Revokes the session the access token belongs to; other sessions of the same account stay open.',
  })
  @ApiNoContentResponse({ description: 'The session has ended.' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.logOut.execute(actor);
  }
}
