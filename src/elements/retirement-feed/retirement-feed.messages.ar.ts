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
  sumRecentOne: 'أحدث عملية سحب · {amount} مكافئ CO₂',
  sumRecentOther: 'أحدث عمليات السحب ({count}) · {amount} مكافئ CO₂',
  sumAll: 'المجموع · {amount} مكافئ CO₂',
  sumWithoutBuffer: '{sum} (دون احتساب عمليات السحب من الاحتياطي)',
  sumSource: 'مجموع عمليات السحب المدرجة هنا ({count})؛ ولا تُحتسب فيه عمليات السحب من الاحتياطي أبدًا.',
  retirement: 'عملية سحب',
  moreProjects: '+{count} أخرى',
  amount: '{amount} مكافئ CO₂',
  amountSmall: '{amount} مكافئ CO₂ ({kg})',
  unnamed: 'مستفيد غير مسمّى',
  bufferRetirement: 'سحب من الاحتياطي',
  bufferNote: 'سُحبت من مجمّع الاحتياطي للتعويض عن انعكاس؛ ولا يحق لأي مشترٍ أن يدّعيها.',
  purposes: 'الأغراض',
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
