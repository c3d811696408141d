-- The account attributes a health score is shown with, for the accounts in the list $accounts (every
-- account when $accounts is null).
-- Grain: one row per account of the accounts table (listed, when a list is given).
-- Columns: account_id, account_name (the id when empty), segment ('(none)' when empty), csm ('' when empty).
with

-- the accounts asked for (none: the whole table)
listed as (
    select distinct unnest(cast($accounts as varchar[])) as account_id
),

-- empty names and segments still need a label on the page
final as (
    select account_id,
           coalesce(nullif(trim(account_name), ''), account_id) as account_name,
           coalesce(nullif(trim(segment), ''), '(none)') as segment,
           coalesce(csm, '') as csm
    from accounts
    where $accounts is null or account_id in (select account_id from listed)
)

select * from final
