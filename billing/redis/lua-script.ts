// A Lua script run by EVALSHA with a transparent EVAL fallback: the script text is sent once per
// Redis (or after SCRIPT FLUSH / a restart), then only its sha1 travels.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Redis } from 'ioredis';

/** One Lua script of `billing/redis/lua/`, callable against any client. */
export class LuaScript {
  readonly sha1: string;
  constructor(readonly name: string, readonly source: string) {
    this.sha1 = createHash('sha1').update(source).digest('hex');
  }

  /** Loads `lua/<name>.lua` beside this file. */
  static load(name: string): LuaScript {
    return new LuaScript(name, readFileSync(new URL(`./lua/${name}.lua`, import.meta.url), 'utf8'));
  }

  /** Runs the script atomically on `client` with the given KEYS and ARGV. */
  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha1, keys.length, ...keys, ...args);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('NOSCRIPT')) {
        return client.eval(this.source, keys.length, ...keys, ...args);
      }
      throw error;
    }
  }
}
