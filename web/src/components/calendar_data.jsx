// calendar_data.jsx - fetching what the calendars show: every page of a list,
// and the shifts of some activities within a time range.
import { get } from '../api.js';

/** Every item of a list (following next_cursor), at most `pages` pages of 200. */
export async function getAll(path, pages = 10) {
  const sep = path.includes('?') ? '&' : '?';
  let items = [];
  let cursor = null;
  for (let i = 0; i < pages; i++) {
    const res = await get(path + sep + 'limit=200' + (cursor ? '&cursor=' + encodeURIComponent(cursor) : ''));
    items = items.concat(res.items);
    cursor = res.next_cursor;
    if (!cursor) break;
  }
  return items;
}

const range = (from, to) => 'from=' + encodeURIComponent(from) + '&to=' + encodeURIComponent(to);

/** The shifts of the given activities overlapping [from, to): one query per
 * activity when they are few, else the range's shifts filtered by activity. */
export async function shiftsOf(activityIds, from, to) {
  const ids = [...new Set(activityIds)];
  if (ids.length === 0) return [];
  if (ids.length <= 30) {
    const lists = await Promise.all(ids.map((id) => getAll(`/shifts?activity_id=${id}&${range(from, to)}`)));
    return lists.flat();
  }
  const want = new Set(ids);
  return (await getAll('/shifts?' + range(from, to))).filter((s) => want.has(s.activity_id));
}

/** Activities overlapping [from, to) of an org's subtree (all when org is null). */
export const activitiesIn = (org, from, to) => getAll('/activities?' + range(from, to) + (org ? '&org_id=' + org : ''));
