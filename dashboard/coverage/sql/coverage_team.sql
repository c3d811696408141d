-- The CS team as loaded.
-- Grain: one row per CSM. Columns: csm, team_segment, annual_cost, capacity_accounts.
with

-- trimmed names, so they match accounts.csm the way the accounts query trims it
final as (
    select
        trim(csm) as csm,
        nullif(trim(segment), '') as team_segment,
        cast(annual_cost as double) as annual_cost,
        cast(capacity_accounts as double) as capacity_accounts
    from team
    where nullif(trim(csm), '') is not null
)

select * from final
order by csm
