-- Data check: accounts that never paid (no month with MRR > 0 through the as-of month).
-- Grain: one row. Columns: problems (distinct accounts rows with no paying month), example (the
--   smallest such account_id; null when there is none).
with

-- accounts that paid in some month
paying as (
    select distinct account_id from query_table($grid) where mrr > 0
),

-- accounts rows without a paying month
never_paid as (
    select distinct account_id from accounts
    where account_id is not null and account_id not in (select account_id from paying)
),

final as (
    select count(*) as problems, min(account_id) as example from never_paid
)

select * from final
