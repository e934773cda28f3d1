/**
 * Well-known ids in the local registry's data set, for tests and demo pages. The seed builds each of
 * these entities with exactly this id and the property its name promises; the tests check both.
 */
export const SAMPLE_IDS = {
  /** A validated biochar project of the demo supplier, with many issuances, deliveries and retirements. */
  project: 'prj_1VJRKMRFEEBVY39C',
  /** A validated `superpollutants` project: destruction credits (refrigerants), not carbon removal. */
  destructionProject: 'prj_CHQSCYZKEM9Z54VT',
  /** A validated project with more than one page (12) of documents. */
  projectWithDocuments: 'prj_13XSB2281A8TGK34',
  /**
   * The hostile fixture: its name carries markup (`<img src=x onerror=alert(1)> Test Kiln`) and its
   * `url` is `javascript:alert(1)`. Widgets must show the name as text and must not link the url.
   */
  hostileProject: 'prj_1DW23VS9GQDXXGEC',
  /** The demo supplier: the one the local access token belongs to, set up for Stripe checkout. */
  supplier: 'spl_11ETTCDYC3BAWRXK',
  /** The demo supplier's organisation: what `GET /organisation` returns. */
  supplierOrganisation: 'org_1R1TQH5SYAPAQZFC',
  /** A buyer with many retirements, deliveries from several suppliers, orders and transfers. */
  organisation: 'org_13A3ZT7HN04698J6',
  /** The organisation that owns buffer-pool credits. */
  bufferPoolOrganisation: 'org_1YCK3DXE4F1D7HY6',
  /** An ordinary retirement: one project, two purposes, a short English note. */
  retirement: 'ret_1HP0Q7DJP2VDY2GR',
  /** A retirement whose credit batches come from two different projects of one supplier. */
  retirementTwoProjects: 'ret_1W6RDV74J4SJ1KN4',
  /**
   * The newest retirement when the registry starts: dated a few minutes before it started, so a live
   * feed opens on something recent. A marketplace retiring for a customer (owner ≠ beneficiary).
   */
  recentRetirement: 'ret_XBMZRA2WP3VNN9X6',
  /** The hostile fixture among retirements: an old one whose note carries markup (`<b>`, `<a>`). */
  retirementHostileNote: 'ret_MD75HGQ1T327EX4E',
  /** A retirement with a long (~250 characters) English note. */
  retirementLongNote: 'ret_1HTFYDQAVB1ZEJD2',
  /** A retirement with a Japanese note. */
  retirementJapaneseNote: 'ret_1QCVMSC23CN7JQ5W',
  /** A retirement with an Arabic (right-to-left) note. */
  retirementArabicNote: 'ret_12PN9KSGCMX63SG9',
  /** The first issuance of `project`; its first supplier batch was split. */
  issuance: 'iss_1MMHT43DFK13FFNE',
  /** A `split` credit batch with two children (the first supplier batch of `issuance`). */
  splitCreditBatch: 'ctb_176BFQ8ET41HYHKY',
  /** A delivery to `organisation` from the demo supplier. */
  delivery: 'dlv_1JC9VBA9TKZQX55X',
  /** An order of `organisation` from the demo supplier, with `delivery` among its deliveries. */
  order: 'ord_1MS672D5DWX4V9WS',
  /** A transfer from `organisation` to its subsidiary. */
  transfer: 'tfr_1DTE5DJTA4AKQJD8',
  /** A buffer-pool refund to a supplier. */
  refund: 'bpr_1BPDXXQA8TFCXG3Y',
} as const;

export type SampleIds = typeof SAMPLE_IDS;
