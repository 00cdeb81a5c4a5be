// Test fixture process: 75 concurrent reserves against a shared database file; prints how many won.
import { SqliteRedemptionStore } from './redemption-store.ts';
import { openTestConnection } from './test-db.ts';

const [path, worker] = process.argv.slice(2) as [string, string];
const store = new SqliteRedemptionStore(openTestConnection(path));
const totals = { redemptions: 3, perCustomer: null, budget: null };
const outcomes = await Promise.all(
  Array.from({ length: 75 }, (_, i) =>
    store.reserve({
      tenant: 't1', sku: 'promo:flash:v1', key: `w${worker}-${i}`, customer: null, units: 1, amount: null,
      totals, result: null, now: Date.now(),
    }),
  ),
);
process.stdout.write(String(outcomes.filter((o) => o.ok).length));
