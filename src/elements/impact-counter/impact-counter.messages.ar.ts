import type { Translation } from '../../i18n/localize.js';
import type { en } from './impact-counter.messages.js';

/** Arabic strings (Modern Standard Arabic), loaded when an element's language is ar. */
export default {
  label: 'الأثر المناخي للأرصدة المسحوبة',
  active: 'محتفَظ بها، غير مسحوبة',
  forOthers: 'سُحبت أيضًا لصالح مؤسسات أخرى',
  amount: '{amount} مكافئ CO₂',
  bySupplier: 'الأرصدة المسحوبة حسب المورّد',
  byProject: 'الأرصدة المسحوبة حسب المشروع',
  byAction: 'الأرصدة المسحوبة حسب نوع العمل المناخي',
  supplier: 'المورّد',
  project: 'المشروع',
  action: 'نوع العمل المناخي',
  retired: 'المسحوب',
  unattributed: 'غير موزَّع',
  retirement: 'عملية السحب',
  sources: '{count} من عمليات السحب لصالح {name}.',
  exact: 'القيمة الدقيقة: {amount}.',
} satisfies Translation<typeof en>;
