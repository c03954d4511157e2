// norm.jsx - a volunteer's hours this year against the 20-hour norm as a
// progress bar, with the last service date (from GET /volunteers/{id}/hours).
// Shown on the volunteer's own home (in the first page, so its messages are
// in i18n/zh-CN.json) and, through pages/ana_volunteer.jsx, on the staff's
// page of a volunteer and the lead page.
import { formatDate, formatHours, t } from '../i18n/index.js';
import { ProgressBar } from './chart.jsx';
import '../ana.css';

/** 中国注册志愿者管理办法: at least 20 hours a year; the hours read says
 * its norm (`norm_hours`), this is for a read without it. */
export const NORM_HOURS = 20;

/** A China date "YYYY-MM-DD" shown like the other dates. */
export const formatDay = (d) => formatDate(d + 'T12:00:00+08:00');

/** Hours this year against the norm and the last service, from an hours read. */
export function NormBar({ hours }) {
  const h = hours.hours_this_year;
  const norm = hours.norm_hours || NORM_HOURS;
  const left = Math.max(0, norm - h);
  return (
    <div class="ana-norm" data-testid="norm">
      <span class="stat-label">{t('ana.vol.norm', { year: hours.year, n: norm })}</span>
      <ProgressBar value={h} target={norm} label={t('ana.vol.norm_label', { h: formatHours(h), n: norm })} testid="norm-bar" />
      <span data-testid="norm-text" data-hours={h}>
        {left > 0 ? t('ana.vol.norm_left', { h: formatHours(h), left: formatHours(left) }) : t('ana.vol.norm_met', { h: formatHours(h) })}
      </span>
      <span class="muted small" data-testid="last-service" data-date={hours.last_service_date || ''}>
        {t('ana.vol.last_service')}：{hours.last_service_date ? formatDay(hours.last_service_date) : t('ana.never')}
      </span>
    </div>
  );
}
