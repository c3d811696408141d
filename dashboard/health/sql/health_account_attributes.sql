-- The account attributes a health score is shown with.
-- Grain: one row per account of the accounts table.
-- Columns: account_id, account_name (the id when empty), segment ('(none)' when empty), csm ('' when empty).
with

-- empty names and segments still need a label on the page
final as (
    select account_id,
           coalesce(nullif(trim(account_name), ''), account_id) as account_name,
           coalesce(nullif(trim(segment), ''), '(none)') as segment,
           coalesce(csm, '') as csm
    from accounts
)

select * from final
