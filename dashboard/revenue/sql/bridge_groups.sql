-- The bridge's units (bridge_units.sql, built for the window) with the group each one is in under the
-- split $by: nrr_bridge.sql sums them per group and bridge_accounts.sql narrows a bar to one group, so
-- both group a unit the same way.
-- Grain: one row per unit of $units. Columns: those of bridge_units.sql, then grp ($by null = one
-- group, '(none)'; 'segment' / 'csm' / 'region' / 'industry' = the accounts table's value; 'product' =
-- the unit's product; "(none)" when empty).
with

final as (
    select
        u.*,
        coalesce(case cast($by as varchar)
            when 'product' then u.product
            when 'segment' then u.segment
            when 'csm' then u.csm
            when 'region' then u.region
            when 'industry' then u.industry
        end, '(none)') as grp
    from query_table($units) as u
)

select * from final
