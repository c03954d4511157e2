// routes_care.js - needs, residents, people, emergencies and the audit log
// (see routes.js for the fields of a route).
export const careRoutes = [];
