-- Rows of the materialised churn matching table $matching (churn_matching.sql, built once per dataset
-- version and as-of month): the kinds in $kinds (every kind when null) and, when $start is given, the
-- churn months of the window $start < month <= $end.
-- Grain and columns: those of churn_matching.sql.
with

-- a window's churns are a few thousand rows of a book's whole history: filter here, not in pandas
final as (
    select * from query_table($matching)
    where ($kinds is null or list_contains(cast($kinds as varchar[]), kind))
      and ($start is null or (month > $start and month <= $end))
)

select * from final
