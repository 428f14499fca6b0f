import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ConfirmEmail } from '../../application/identity/confirm-email';
import { LogIn } from '../../application/identity/log-in';
import { LogOut } from '../../application/identity/log-out';
import { RefreshSession } from '../../application/identity/refresh-session';
import { RegisterUser } from '../../application/identity/register-user';
import { RequestPasswordReset } from '../../application/identity/request-password-reset';
import { ResendEmailVerification } from '../../application/identity/resend-email-verification';
import { ResetPassword } from '../../application/identity/reset-password';
import type { Actor } from '../../application/shared/actor';
import { Authenticated } from '../shared/access.decorators';
import { ApiProblems } from '../shared/api-problems.decorator';
import { CurrentActor } from '../shared/current-actor.decorator';
import { NoBody } from '../shared/no-body.decorator';
import { Public } from '../shared/public.decorator';
import { Body } from '../shared/validated-input';
import { AcceptedRequests } from './accepted-requests';
import { EmailVerificationConfirmDto, MailAcceptedDto, PasswordResetConfirmDto, PasswordResetRequestDto } from './dto/account-recovery.dto';
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
    private readonly requestPasswordReset: RequestPasswordReset,
    private readonly resetPassword: ResetPassword,
    private readonly confirmEmail: ConfirmEmail,
    private readonly resendEmailVerification: ResendEmailVerification,
    private readonly accepted: AcceptedRequests,
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
    description: 'Unknown email, wrong password and a disabled account (whatever the password) answer the same 401. Five failures in a row, each within a day of the one before, lock the address for 15 minutes (429), whether or not it has an account.',
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
  @NoBody()
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

  @Public()
  @Post('password-reset')
  @HttpCode(202)
  @ApiOperation({
    operationId: 'requestPasswordReset',
    summary: 'Mail a password-reset link to an account\'s address',
    description:
      'Answers 202 with the same body whether or not an account has the address, before any work is done, so neither the reply nor its timing tells. ' +
      'An active account is mailed a single-use link (`token=` query parameter) valid for PASSWORD_RESET_TTL_SECONDS (30 min); it is superseded by a newer one and by any password change. ' +
      'A few links per address per 15 minutes at most; the route is also throttled per client IP.',
  })
  @ApiAcceptedResponse({ type: MailAcceptedDto })
  @ApiProblems(400, 413, 415)
  async passwordReset(@Body() body: PasswordResetRequestDto): Promise<MailAcceptedDto> {
    this.accepted.accept('A password-reset request', () => this.requestPasswordReset.execute(body));
    return { message: 'If an account has this address, a link is on its way.' };
  }

  @Public()
  @Post('password-reset/confirm')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'confirmPasswordReset',
    summary: 'Set a new password with the token of a reset link',
    description:
      'The password policy applies. Every session of the account ends, its lockout clears, and a notice is mailed. ' +
      'A spent, expired, superseded or unknown token is one 400 problem (`invalid-account-token`).',
  })
  @ApiNoContentResponse({ description: 'The password is changed; log in with it.' })
  @ApiProblems(400, 413, 415)
  async confirmPasswordReset(@Body() body: PasswordResetConfirmDto): Promise<void> {
    await this.resetPassword.execute(body);
  }

  @Public()
  @Post('email-verification/confirm')
  @HttpCode(204)
  @ApiOperation({
    operationId: 'confirmEmail',
    summary: 'Prove an address with the token of a mailed link',
    description:
      'A new account\'s link makes `emailVerified` true; a link mailed for an address change moves the account to that address, if it is still free (409 otherwise). ' +
      'A spent, expired, superseded or unknown token is one 400 problem (`invalid-account-token`).',
  })
  @ApiNoContentResponse({ description: 'The address is proven.' })
  @ApiProblems(400, 409, 413, 415)
  async confirmEmailVerification(@Body() body: EmailVerificationConfirmDto): Promise<void> {
    await this.confirmEmail.execute(body);
  }

  @Post('email-verification')
  @NoBody()
  @HttpCode(202)
  @Authenticated()
  @ApiOperation({
    operationId: 'resendEmailVerification',
    summary: 'Mail a fresh link that proves the caller\'s address',
    description: 'The previous link stops working. An address already proven is a 409; more than a few links per 15 minutes a 429.',
  })
  @ApiAcceptedResponse({ type: MailAcceptedDto })
  @ApiProblems(409)
  async resendVerification(@CurrentActor() actor: Actor): Promise<MailAcceptedDto> {
    await this.resendEmailVerification.execute(actor);
    return { message: 'A link is on its way to your address.' };
  }
}
