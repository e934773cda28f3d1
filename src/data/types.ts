import type { components } from '../generated/registry-schema.js';

type Schemas = components['schemas'];

/** Aliases for the schema types the elements use; all derived from the generated spec types. */
export type Project = Schemas['Project'];
export type ProjectDocument = Schemas['ProjectDocument'];
export type Supplier = Schemas['Supplier'];
export type Organisation = Schemas['Organisation'];
export type Retirement = Schemas['Retirement'];
export type RetirementPurpose = Schemas['RetirementPurpose'];
export type CreditBatch = Schemas['CreditBatch'];
export type CreditQuantity = Schemas['CreditQuantity'];
export type CarbonRemovalData = Schemas['CarbonRemovalData'];
export type OrganisationCreditBalance = Schemas['OrganisationCreditBalance'];
export type Pathway = Schemas['Pathway'];
export type ProjectStatus = Schemas['ProjectStatus'];
export type PageInfo = Schemas['PageInfo'];
export type StripeConfiguration = Schemas['SupplierStripeConfiguration'];
export type CheckoutRequest = Schemas['CreateStripeCheckoutSessionRequest'];
export type CheckoutResponse = Schemas['StripeCheckoutResponse'];
export type SubscriptionFrequency = Schemas['StripeSubscriptionFrequency'];
export type ValidationErrorBody = Schemas['HTTPValidationError'];
export type RetirementPage = Schemas['PaginatedListResource_Retirement_'];
export type CreditBatchList = Schemas['ListResource_CreditBatch_'];
export type CreditBalance = Schemas['CreditBalance'];
export type SupplierCreditBalance = Schemas['SupplierCreditBalance'];
export type ProjectCreditBalance = Schemas['ProjectCreditBalance'];
