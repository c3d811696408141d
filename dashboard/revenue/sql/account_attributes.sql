-- The accounts' attributes the revenue pages group by and name accounts with, built once per dataset
-- version (a bridge split or a drill-down then joins a small sorted table instead of grouping the
-- accounts table on every call).
-- Grain: one row per account id of the accounts table (the first value of each attribute when an id
-- repeats: ingest forbids it, and a repeat must never double a sum). Columns: account_id, account_name,
-- segment, csm, region, industry. Sorted by account_id.
with

final as (
    select account_id, min(account_name) as account_name, min(segment) as segment, min(csm) as csm,
           min(region) as region, min(industry) as industry
    from accounts
    group by account_id
)

select * from final order by account_id
