// routes_misc.js - positions, social workers and other staff pages (see
// routes.js for the fields of a route).
export const miscRoutes = [];
