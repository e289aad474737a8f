import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { hashPassword, signAccessToken, verifyPassword, type Principal } from '@pipeline/auth';
import { DomainError } from '@pipeline/contracts';
import { isDuplicateKeyError } from '@pipeline/mongo';
import { DEV_USERS } from './dev-users';
import type { CreateUserDto, UpdateUserDto } from './identity.dto';
import { User } from './user.schema';

export const IDENTITY_OPTIONS = Symbol('IDENTITY_OPTIONS');
export interface IdentityOptions {
  jwtSecret: string;
  tokenTtlMinutes: number;
  seedDevelopmentUsers: boolean;
  /** Creates `admin` with this password when there is no user at all (a new production installation). */
  bootstrapAdminPassword?: string;
}

/** Hashing a password nobody has, so that an unknown user costs as much time as a wrong password. */
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

export type UserView = Omit<User, 'passwordHash'> & { username: string };

@Injectable()
export class IdentityService implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentityService.name);

  constructor(
    @InjectModel(User.name) private readonly users: Model<User>,
    @Inject(IDENTITY_OPTIONS) private readonly options: IdentityOptions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.seedDevelopmentUsers) {
      for (const u of DEV_USERS) {
        await this.insert({ ...u, development: true }).catch((err) => {
          if (!(err instanceof DomainError)) throw err; // already seeded
        });
      }
    }
    if (this.options.bootstrapAdminPassword && !(await this.users.exists({}))) {
      await this.insert({ username: 'admin', name: '系统管理员', roles: ['admin'], password: this.options.bootstrapAdminPassword, development: false });
      this.logger.log('已创建初始管理员账号 admin，请登录后立即修改密码');
    }
  }

  /** An access token for a right username and password; one answer for every failure, so names cannot be probed. */
  async login(username: string, password: string) {
    const user = await this.users.findById(username.trim().toLowerCase()).lean<User>();
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || user.disabled) throw DomainError.unauthenticated('LOGIN_FAILED', '用户名或密码错误，或账号已停用');
    await this.users.updateOne({ _id: user._id }, { $set: { lastLoginAt: new Date() } });
    const principal = principalOf(user);
    return {
      accessToken: await signAccessToken(this.options.jwtSecret, principal, this.options.tokenTtlMinutes),
      tokenType: 'Bearer' as const,
      expiresIn: this.options.tokenTtlMinutes * 60,
      user: principal,
    };
  }

  async list(): Promise<UserView[]> {
    return (await this.users.find().sort({ _id: 1 }).lean<User[]>()).map(view);
  }

  async create(dto: CreateUserDto): Promise<UserView> {
    return view(await this.insert({ ...dto, development: false }));
  }

  async update(username: string, dto: UpdateUserDto): Promise<UserView> {
    const { password, ...fields } = dto;
    const set: Partial<User> = { ...fields, ...(password ? { passwordHash: await hashPassword(password) } : {}) };
    const updated = await this.users.findOneAndUpdate({ _id: username }, { $set: set }, { new: true }).lean<User>();
    if (!updated) throw DomainError.notFound('USER_NOT_FOUND', `用户 ${username} 不存在`);
    return view(updated);
  }

  private async insert(u: { username: string; name: string; roles: User['roles']; password: string; communities?: string[]; squadId?: string; development: boolean }): Promise<User> {
    const doc: User = {
      _id: u.username, name: u.name, roles: u.roles, communities: u.communities, squadId: u.squadId, passwordHash: await hashPassword(u.password),
      disabled: false, development: u.development, createdAt: new Date(), lastLoginAt: null,
    };
    try {
      await this.users.create(doc);
    } catch (err) {
      if (isDuplicateKeyError(err)) throw DomainError.conflict('USER_EXISTS', `用户 ${u.username} 已存在`);
      throw err;
    }
    return doc;
  }
}

function principalOf(u: User): Principal {
  return { sub: u._id, name: u.name, roles: u.roles, ...(u.communities?.length ? { communities: u.communities } : {}), ...(u.squadId ? { squadId: u.squadId } : {}) };
}

function view(u: User): UserView {
  const { passwordHash: _hash, ...rest } = u;
  return { username: u._id, ...rest };
}
