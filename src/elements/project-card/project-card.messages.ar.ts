import type { Translation } from '../../i18n/localize.js';
import type { en } from './project-card.messages.js';

/** Arabic strings (Modern Standard Arabic), loaded when an element's language is ar. */
export default {
  label: 'مشروع في سجل Isometric',
  supplier: 'من {name}',
  action: 'العمل المناخي',
  location: 'الموقع',
  protocol: 'البروتوكول',
  validator: 'جهة المصادقة',
  verifier: 'جهة التحقق',
  creditingPeriod: 'فترة منح الأرصدة',
  notAssigned: 'لم تُعيَّن',
  openEnded: 'مفتوحة',
  issued: 'صادرة للبيع',
  retired: 'سحبها المشترون',
  retiredShare: 'نسبة المسحوب',
  noIssuance: 'لم تصدر أرصدة بعد',
  buffer: 'مجمّع الاحتياطي',
  bufferIssued: '{amount} مخصَّصة لتغطية الانعكاسات',
  bufferRetired: '{amount} سُحبت للتعويض عن الانعكاسات',
  sourceProject: 'المشروع {name}',
  issuedSource: 'جميع الأرصدة الصادرة، بعد طرح المخصَّص منها لمجمّع الاحتياطي.',
  retiredSource: 'جميع الأرصدة المسحوبة، بعد طرح ما سُحب من مجمّع الاحتياطي للتعويض عن الانعكاسات.',
  shareSource: 'الأرصدة التي سحبها المشترون نسبةً إلى الأرصدة الصادرة للبيع، مقرَّبةً إلى الأدنى.',
  bufferSource: 'تغطي أرصدة مجمّع الاحتياطي الانعكاسات؛ فهي لا تُباع، ولا يحق لأي مشترٍ أن يدّعي سحبًا منها.',
  documents: 'وثائق المشروع',
  noDocuments: 'لا توجد وثائق منشورة.',
  viewOnRegistry: 'عرض المشروع في سجل Isometric',
  opensInNewTab: '(يُفتح في علامة تبويب جديدة)',
  exact: 'القيمة الدقيقة: {amount}.',
} satisfies Translation<typeof en>;
