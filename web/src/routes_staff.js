// routes_staff.js - the organisers' pages and the dashboard (see routes.js
// for the fields of a route).
export const staffRoutes = [];
