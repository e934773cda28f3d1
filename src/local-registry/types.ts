import type { components } from '../generated/registry-schema.js';

type Schemas = components['schemas'];

/** Aliases of the Registry API schemas the local registry serves; derived, never hand-written. */
export type BufferPoolRefund = Schemas['BufferPoolRefund'];
export type CarbonRemovalData = Schemas['CarbonRemovalData'];
export type CreateStripeCheckoutSessionRequest = Schemas['CreateStripeCheckoutSessionRequest'];
export type CreditBalance = Schemas['CreditBalance'];
export type CreditBatch = Schemas['CreditBatch'];
export type CreditBatchStatus = Schemas['CreditBatchStatus'];
export type CreditQuantity = Schemas['CreditQuantity'];
export type Delivery = Schemas['Delivery'];
export type HTTPValidationError = Schemas['HTTPValidationError'];
export type Issuance = Schemas['Issuance'];
export type IssuanceCreditBatches = Schemas['IssuanceCreditBatches'];
export type ListResourceCreditBatch = Schemas['ListResource_CreditBatch_'];
export type Location = Schemas['Location'];
export type Order = Schemas['Order'];
export type OrderStatus = Schemas['OrderStatus'];
export type Organisation = Schemas['Organisation'];
export type OrganisationCreditBalance = Schemas['OrganisationCreditBalance'];
export type PageInfo = Schemas['PageInfo'];
export type Pathway = Schemas['Pathway'];
export type Project = Schemas['Project'];
export type ProjectDocument = Schemas['ProjectDocument'];
export type ProjectStatus = Schemas['ProjectStatus'];
export type Retirement = Schemas['Retirement'];
export type RetirementPurpose = Schemas['RetirementPurpose'];
export type StripeCheckoutResponse = Schemas['StripeCheckoutResponse'];
export type StripeSubscriptionFrequency = Schemas['StripeSubscriptionFrequency'];
export type Supplier = Schemas['Supplier'];
export type SupplierStripeConfiguration = Schemas['SupplierStripeConfiguration'];
export type Transfer = Schemas['Transfer'];
export type ValidationError = Schemas['ValidationError'];

/** A page of a Relay-paginated list: every `PaginatedListResource_*` schema has this shape. */
export type Page<T> = Omit<Schemas['PaginatedListResource_Project_'], 'nodes'> & { nodes: T[] };
