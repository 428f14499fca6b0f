import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule, JwtService } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccessTokenIssuer } from '../../application/identity/access-token-issuer';
import { AccountTokenPolicy } from '../../application/identity/account-token-policy';
import { AccountTokenSecrets } from '../../application/identity/account-token-secrets';
import { AccountTokenRepository } from '../../application/identity/account-token.repository';
import { AuthenticateSession } from '../../application/identity/authenticate-session';
import { BootstrapAdmin } from '../../application/identity/bootstrap-admin';
import { ChangePassword } from '../../application/identity/change-password';
import { CurrentPassword } from '../../application/identity/current-password';
import { CommonPasswordList } from '../../application/identity/common-password-list';
import { ConfirmEmail } from '../../application/identity/confirm-email';
import { GetUser } from '../../application/identity/get-user';
import { IssueAccountToken } from '../../application/identity/issue-account-token';
import { ListUsers } from '../../application/identity/list-users';
import { LookUpEmails } from '../../application/identity/look-up-emails';
import { LogIn } from '../../application/identity/log-in';
import { LogOut } from '../../application/identity/log-out';
import { PasswordHasher } from '../../application/identity/password-hasher';
import { RefreshSession } from '../../application/identity/refresh-session';
import { RefreshTokens } from '../../application/identity/refresh-tokens';
import { RegisterUser } from '../../application/identity/register-user';
import { RequestEmailChange } from '../../application/identity/request-email-change';
import { RequestPasswordReset } from '../../application/identity/request-password-reset';
import { ResendEmailVerification } from '../../application/identity/resend-email-verification';
import { ResetPassword } from '../../application/identity/reset-password';
import { SessionLifetime } from '../../application/identity/session-lifetime';
import { SessionRepository } from '../../application/identity/session.repository';
import { UpdateProfile } from '../../application/identity/update-profile';
import { UpdateUser } from '../../application/identity/update-user';
import { UserRepository } from '../../application/identity/user.repository';
import { AppConfig } from '../../infrastructure/config/app-config';
import { MikroOrmAccountTokenRepository } from '../../infrastructure/persistence/identity/mikro-orm-account-token.repository';
import { MikroOrmSessionRepository } from '../../infrastructure/persistence/identity/mikro-orm-session.repository';
import { MikroOrmUserRepository } from '../../infrastructure/persistence/identity/mikro-orm-user.repository';
import { Argon2PasswordHasher } from '../../infrastructure/security/argon2-password-hasher';
import { CommonPasswordDictionary } from '../../infrastructure/security/common-password-dictionary';
import { HmacAccountTokenSecrets } from '../../infrastructure/security/hmac-account-token-secrets';
import { EdDsaAccessTokenIssuer } from '../../infrastructure/security/eddsa-access-token-issuer';
import { JwtAccessTokenIssuer } from '../../infrastructure/security/jwt-access-token-issuer';
import { OpaqueRefreshTokens } from '../../infrastructure/security/opaque-refresh-tokens';
import { PurgeFinishedAccountTokens } from '../../application/identity/purge-finished-account-tokens';
import { ForgetIdleUnknownAddresses } from '../../application/identity/forget-idle-unknown-addresses';
import { UnknownAddressLogins } from '../../application/identity/unknown-address-logins';
import { SqlUnknownAddressLogins } from '../../infrastructure/persistence/identity/sql-unknown-address-logins';
import { AcceptedRequests } from './accepted-requests';
import { IdentityPurgeScheduler } from './identity-purge.scheduler';
import { AdminBootstrap } from './admin-bootstrap';
import { AuthController } from './auth.controller';
import { AuthenticationGuard } from './authentication.guard';
import { JwtStrategy } from './jwt.strategy';
import { RolesGuard } from './roles.guard';
import { UsersController } from './users.controller';
import { memoizedReflector } from '../shared/memoized-reflector';

/** Identity and access: accounts, login sessions, and the guards every other context relies on. */
@Module({
  imports: [
    PassportModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      // HS256's signer (JwtAccessTokenIssuer); EdDSA's tokens are signed by jose (EdDsaAccessTokenIssuer).
      useFactory: (config: AppConfig) => ({
        secret: config.jwt.secret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [AuthController, UsersController],
  providers: [
    { provide: UserRepository, useClass: MikroOrmUserRepository },
    { provide: SessionRepository, useClass: MikroOrmSessionRepository },
    { provide: UnknownAddressLogins, useClass: SqlUnknownAddressLogins },
    { provide: PasswordHasher, useClass: Argon2PasswordHasher },
    {
      provide: AccessTokenIssuer,
      inject: [AppConfig, JwtService],
      useFactory: (config: AppConfig, jwt: JwtService) =>
        config.jwt.algorithm === 'EdDSA' ? new EdDsaAccessTokenIssuer(config) : new JwtAccessTokenIssuer(jwt, config),
    },
    { provide: RefreshTokens, useClass: OpaqueRefreshTokens },
    { provide: CommonPasswordList, useClass: CommonPasswordDictionary },
    { provide: SessionLifetime, inject: [AppConfig], useFactory: (config: AppConfig) => ({ refreshTtlSeconds: config.jwt.refreshTtlSeconds }) },
    { provide: AccountTokenRepository, useClass: MikroOrmAccountTokenRepository },
    { provide: AccountTokenSecrets, useClass: HmacAccountTokenSecrets },
    {
      provide: AccountTokenPolicy,
      inject: [AppConfig],
      useFactory: ({ auth, events }: AppConfig): AccountTokenPolicy => ({
        passwordResetTtlSeconds: auth.passwordResetTtlSeconds,
        emailVerificationTtlSeconds: auth.emailVerificationTtlSeconds,
        finishedRetentionDays: events.retentionDays,
      }),
    },
    IssueAccountToken,
    RequestPasswordReset,
    ResetPassword,
    ConfirmEmail,
    ResendEmailVerification,
    RequestEmailChange,
    PurgeFinishedAccountTokens,
    ForgetIdleUnknownAddresses,
    IdentityPurgeScheduler,
    AcceptedRequests,
    RegisterUser,
    LogIn,
    RefreshSession,
    LogOut,
    AuthenticateSession,
    GetUser,
    UpdateProfile,
    ChangePassword,
    CurrentPassword,
    ListUsers,
    LookUpEmails,
    UpdateUser,
    BootstrapAdmin,
    AdminBootstrap,
    JwtStrategy,
    memoizedReflector,
    { provide: APP_GUARD, useClass: AuthenticationGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  exports: [RegisterUser, BootstrapAdmin, AccountTokenSecrets, LookUpEmails],
})
export class IdentityModule {}
