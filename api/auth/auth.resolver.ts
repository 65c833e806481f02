/** GraphQL entry points for signing in and out, the current viewer, and API keys. */
import { Arg, Args, ArgsType, Ctx, Field, ID, Mutation, Query, Resolver } from 'type-graphql';
import { Length } from 'class-validator';
import type { Context } from '../context.js';
import { permissionsOf, requireViewer } from './permissions.js';
import { Account } from './account.entity.js';
import { ApiKey } from './api-key.entity.js';
import { AuthService } from './auth.service.js';
import { LoginThrottle } from './login-throttle.js';
import { ApiKeyInfo, CreateApiKeyInput, CreatedApiKey, LoginResult, Me } from './auth.types.js';
import { scopeOf, type Viewer } from './viewer.js';

@ArgsType()
class LoginArgs {
  @Field(() => String)
  @Length(1, 64)
  login!: string;

  @Field(() => String)
  @Length(1, 200)
  password!: string;
}

@Resolver()
export class AuthResolver {
  @Mutation(() => LoginResult, { description: 'Sign in with a login and password; returns a bearer token.' })
  async login(@Args(() => LoginArgs) { login, password }: LoginArgs, @Ctx() ctx: Context): Promise<LoginResult> {
    const throttle = new LoginThrottle(ctx.em, ctx.settings.login, ctx.request.logger);
    const { token, expiresAt, account } = await new AuthService(ctx.em, ctx.tokens).login(
      login,
      password,
      throttle,
      ctx.request.ip,
    );
    return { token, expiresAt, me: meOfAccount(account) };
  }

  @Mutation(() => Boolean, { description: 'Sign out: the token stops working at once.' })
  async logout(@Ctx() ctx: Context) {
    const done = await new AuthService(ctx.em, ctx.tokens).logout(requireViewer(ctx.viewer, 'catalog:read'));
    if (ctx.viewer.kind === 'account') ctx.viewers.forgetSession(ctx.viewer.sessionId);
    return done;
  }

  @Query(() => Me, { nullable: true, description: 'Who you are; null when not signed in.' })
  me(@Ctx() ctx: Context): Me | null {
    return meOfViewer(ctx.viewer);
  }

  @Query(() => [ApiKeyInfo])
  async apiKeys(@Ctx() ctx: Context) {
    return (await new AuthService(ctx.em, ctx.tokens).listKeys(requireViewer(ctx.viewer, 'apiKey:manage'))).map(
      keyInfo,
    );
  }

  @Mutation(() => CreatedApiKey, { description: 'Create an API key. The key is returned once; only its hash is kept.' })
  async createApiKey(@Arg('input', () => CreateApiKeyInput) input: CreateApiKeyInput, @Ctx() ctx: Context) {
    const { key, apiKey } = await new AuthService(ctx.em, ctx.tokens).createKey(
      requireViewer(ctx.viewer, 'apiKey:manage'),
      input,
    );
    return { key, apiKey: keyInfo(apiKey) };
  }

  @Mutation(() => ApiKeyInfo, { description: 'Revoke an API key: it stops working at once.' })
  async revokeApiKey(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    const revoked = await new AuthService(ctx.em, ctx.tokens).revokeKey(
      requireViewer(ctx.viewer, 'apiKey:manage'),
      Number(id),
    );
    ctx.viewers.forgetApiKey(revoked.id);
    return keyInfo(revoked);
  }
}

function keyInfo(k: ApiKey): ApiKeyInfo {
  return {
    id: String(k.id),
    name: k.name,
    prefix: k.keyPrefix,
    role: k.role,
    enterpriseId: k.enterpriseId ? String(k.enterpriseId) : null,
    createdAt: k.createdAt,
    revokedAt: k.revokedAt ?? null,
    lastUsedAt: k.lastUsedAt ?? null,
    costBudgetPerHour: k.costBudgetPerHour ?? null,
  };
}

const id = (n: number | null) => (n === null ? null : String(n));

export function meOfAccount(a: Account): Me {
  return meOf('account', a.id, a.role, a.displayName, a.login, scopeOf(a));
}

function meOfViewer(v: Viewer): Me | null {
  if (v.kind === 'anonymous') return null;
  return v.kind === 'account'
    ? meOf('account', v.id, v.role, v.displayName, v.login, v.scope)
    : meOf('apiKey', v.id, v.role, v.name, null, v.scope);
}

function meOf(
  kind: string,
  key: number,
  role: Me['role'],
  displayName: string,
  login: string | null,
  scope: ReturnType<typeof scopeOf>,
): Me {
  return {
    kind,
    id: String(key),
    role,
    displayName,
    login,
    enterpriseId: id(scope.enterpriseId),
    officerId: id(scope.officerId),
    branchId: id(scope.branchId),
    departmentId: id(scope.departmentId),
    permissions: permissionsOf(role),
  };
}
