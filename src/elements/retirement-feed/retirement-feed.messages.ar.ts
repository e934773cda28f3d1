import type { Translation } from '../../i18n/localize.js';
import type { en } from './retirement-feed.messages.js';

/**
 * Arabic strings (Modern Standard Arabic), loaded when an element's language is ar. The element picks
 * one of two forms (one / other), but an Arabic noun after a figure has several (dual, 3–10, 11 and
 * up), so the "other" forms name the count after a colon, which is correct for every number.
 */
export default {
  label: 'عمليات السحب في سجل Isometric',
  countOne: '{count} عملية سحب',
  countOther: 'عمليات السحب: {count}',
  loadedSum: '{amount} مكافئ CO₂ في المعروض منها ({count})',
  loadedSumWithoutBuffer: '{amount} مكافئ CO₂ في المعروض منها ({count})، دون احتساب عمليات السحب من الاحتياطي',
  amount: '{amount} مكافئ CO₂',
  amountSmall: '{amount} مكافئ CO₂ ({kg})',
  unnamed: 'مستفيد غير مسمّى',
  bufferRetirement: 'سحب من الاحتياطي',
  bufferNote: 'سُحبت من مجمّع الاحتياطي للتعويض عن انعكاس؛ ولا يحق لأي مشترٍ أن يدّعيها.',
  purposes: 'الأغراض',
  certificate: 'الشهادة',
  opensInNewTab: '(يُفتح في علامة تبويب جديدة)',
  live: 'مباشر',
  isNew: 'جديد',
  newOne: '{count} عملية سحب جديدة',
  newOther: 'عمليات سحب جديدة: {count}',
  empty: 'لا توجد عمليات سحب بعد.',
  showMore: 'عرض المزيد',
  loadingMore: 'جارٍ تحميل المزيد…',
  moreFailed: 'تعذّر تحميل مزيد من عمليات السحب.',
  refreshFailed: 'تعذّر التحقق من وجود عمليات سحب جديدة.',
} satisfies Translation<typeof en>;
