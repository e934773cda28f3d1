import { unwrap } from '../client.js';
import { query, type Query } from '../query.js';
import type { StripeConfiguration } from '../types.js';

/** The supplier's Stripe set-up: prices, currency and terms. */
export const stripeConfigurationQuery = (): Query<StripeConfiguration> =>
  query('stripe-configuration', [], (client, signal) => unwrap(client.GET('/stripe/configuration', { signal })));
