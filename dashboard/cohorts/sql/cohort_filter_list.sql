-- The values the cohort filters offer, as the page reads them: $cohort_filter_values
-- (cohort_filter_values.sql, kept with the dataset version and as-of month) in order.
-- Grain: one row per filter dimension (segment, csm, region, first_product) and value.
-- Columns: dimension, value ("(none)" for an empty value), accounts (paying accounts with it).
select dimension, value, accounts
from query_table($cohort_filter_values)
order by dimension, value
