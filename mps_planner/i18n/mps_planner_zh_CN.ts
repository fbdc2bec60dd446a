<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../gui/dialogs/about_dialog.py" line="16"/>
        <source>About MPS Planner</source>
        <translation>关于流动公共服务规划</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/about_dialog.py" line="33"/>
        <source>Plan fixed and mobile public services — mobile clinics, libraries and police posts — for people who live far from fixed facilities: travel-time catchments, people reached and not reached, stops, routes and scenarios, fully offline.</source>
        <translation>为远离固定设施的居民规划固定与流动相结合的公共服务——流动医疗、流动图书馆和流动警务：出行时间服务范围、已覆盖与未覆盖人口、服务点、路线和方案，完全离线运行。</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/about_dialog.py" line="33"/>
        <source>Version {version}, for QGIS {qgis} (running on {running}).</source>
        <translation>版本 {version}，适用于 QGIS {qgis}（当前运行于 {running}）。</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/about_dialog.py" line="33"/>
        <source>Report a problem: {tracker}</source>
        <translation>报告问题：{tracker}</translation>
    </message>
    <message>
        <location filename="../gui/dialogs/about_dialog.py" line="55"/>
        <source>Close this window</source>
        <translation>关闭此窗口</translation>
    </message>
</context>
<context>
    <name>CandidatesAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="60"/>
        <source>Candidate sites</source>
        <translation>候选站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="63"/>
        <source>Site selection</source>
        <translation>选址</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="69"/>
        <source>Candidate sites for new mobile stops or facilities, on the speed raster&apos;s grid.
Methods: a regular spacing over populated cells (the most populated cell of each block of the spacing, in metres); along roads (a road cell per block, where most people live nearby: vehicles must reach a mobile stop); settlements (population peaks within the settlement radius holding at least the minimum people); gap hotspot centres (the Coverage algorithm&apos;s hotspots, fields centre_x/centre_y). Your own candidate points can be added.
Filters: candidates on impassable cells, inside exclusion polygons or within the buffer (m) of an existing site are removed, and so are duplicates.
Output: points with kind, name and people within half the spacing.</source>
        <translation>在速度栅格的网格上为新的流动服务点或设施生成候选站点。
方法：在有人口的像元上按固定间距布点（每个间距大小的区块中人口最多的像元，单位米）；沿道路布点（每个区块取一个道路像元，选附近居民最多处：车辆必须能到达流动服务点）；居民点（居民点半径内至少达到最少人口的人口峰值）；缺口热点中心（“覆盖与缺口”算法输出的热点，字段 centre_x/centre_y）。还可以加入您自己的候选点。
筛选：位于不可通行像元上、位于排除区多边形内或位于现有站点缓冲距离（米）内的候选站点会被删除，重复的候选站点也会被删除。
输出：点图层，包含类型、名称以及间距一半范围内的人口。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="83"/>
        <source>Speed surface (km/h)</source>
        <translation>速度面（千米/小时）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="86"/>
        <source>Population raster</source>
        <translation>人口栅格</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="91"/>
        <source>Methods</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="91"/>
        <source>Regular spacing over populated cells</source>
        <translation>在有人口的像元上按固定间距布点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="91"/>
        <source>Along roads</source>
        <translation>沿道路布点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="91"/>
        <source>Settlements (population peaks)</source>
        <translation>居民点（人口峰值）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="91"/>
        <source>Gap hotspot centres</source>
        <translation>缺口热点中心</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="105"/>
        <source>Spacing, m</source>
        <translation>间距（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="114"/>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="119"/>
        <source>Gap hotspots (from Coverage)</source>
        <translation>缺口热点（来自“覆盖与缺口”）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="127"/>
        <source>Your own candidate points</source>
        <translation>您自己的候选点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="135"/>
        <source>Settlement radius, m</source>
        <translation>居民点半径（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="144"/>
        <source>Minimum people at a settlement</source>
        <translation>居民点的最少人口</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="153"/>
        <source>Existing sites</source>
        <translation>现有站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="161"/>
        <source>No candidate within this distance of an existing site, m</source>
        <translation>距现有站点此距离内不设候选站点（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="170"/>
        <source>Exclusion areas</source>
        <translation>排除区</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="178"/>
        <source>Candidates</source>
        <translation>候选站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="261"/>
        <source>{n} candidates dropped: {why}.</source>
        <translation>已删除 {n} 个候选站点：{why}。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="310"/>
        <source>{n} candidate sites.</source>
        <translation>共 {n} 个候选站点。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="187"/>
        <source>on an impassable cell</source>
        <translation>位于不可通行的像元上</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="188"/>
        <source>in an exclusion area</source>
        <translation>位于排除区内</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="189"/>
        <source>on the same cell as another</source>
        <translation>与另一个候选站点位于同一像元</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/candidates.py" line="192"/>
        <source>within {d} of an existing site</source>
        <translation>距现有站点不足 {d}</translation>
    </message>
</context>
<context>
    <name>CatchmentsAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="119"/>
        <source>Catchments</source>
        <translation>服务范围</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="56"/>
        <source>Coverage</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="62"/>
        <source>Catchment polygons of each site, one per travel-time band (e.g. 0–15, 15–30, 30–60 min), over a speed raster in km/h (8-neighbour travel).
By default every cell belongs to its nearest site (service areas that do not overlap). 'Each site on its own' gives every site its full catchment instead, so catchments overlap. 'Filled' makes each polygon hold everything within its threshold instead of a ring.
With a population raster on the same grid, each polygon gets its people.
Fields: site_fid, site_name, band_min, band_max (minutes), area_km2, people.</source>
        <translation>基于速度栅格（千米/小时，8 邻域移动）为每个站点生成服务范围多边形，每个出行时间段一个（如 0–15、15–30、30–60 分钟）。
默认每个像元归属于最近的站点（服务区互不重叠）。选择“每个站点单独计算”则每个站点得到完整的服务范围，服务范围会相互重叠。选择“填充”则每个多边形包含其阈值以内的全部范围，而不是环带。
若提供同一网格上的人口栅格，每个多边形会统计其人口。
字段：site_fid、site_name、band_min、band_max（分钟）、area_km2、people。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="74"/>
        <source>Speed surface (km/h)</source>
        <translation>速度面（千米/小时）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="77"/>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="82"/>
        <source>Site name field</source>
        <translation>站点名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="90"/>
        <source>Thresholds, minutes</source>
        <translation>阈值（分钟）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="95"/>
        <source>Each site on its own (overlapping)</source>
        <translation>每个站点单独计算（可重叠）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="100"/>
        <source>Filled (not rings)</source>
        <translation>填充（非环带）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="105"/>
        <source>Population (same grid), optional</source>
        <translation>人口（同一网格，可选）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="110"/>
        <source>Snapping distance for sites, m</source>
        <translation>站点捕捉距离（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/catchments.py" line="234"/>
        <source>{n} catchment polygons for {s} sites and {b} bands.</source>
        <translation>已为 {s} 个站点、{b} 个时间段生成 {n} 个服务范围多边形。</translation>
    </message>
</context>
<context>
    <name>CoverageAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="76"/>
        <source>Coverage and gaps</source>
        <translation>覆盖与缺口</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="79"/>
        <source>Coverage</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="85"/>
        <source>How many people live within each travel-time threshold (minutes) of a site, over a speed raster in km/h; a person is covered at T exactly when the time to the nearest site is ≤ T. The population raster may be in any CRS (WorldPop in degrees included): it is moved onto the speed raster's grid, keeping every person.
Table: one row for the whole area, one per district and one per site (people for whom it is the nearest site), with covered, uncovered and share per threshold; covered + uncovered = people, exactly. With a capacity field, each site serves at most that many people, nearest first, whatever the order of the sites (served, unserved_full columns, at the largest threshold).
Gap raster: people beyond the largest threshold. Hotspots: clusters of those people (cells within the linking distance, metres, join), ranked by people, with a suggested centre where one new site within the centre radius reaches most of them.</source>
        <translation>基于速度栅格（千米/小时）统计每个出行时间阈值（分钟）内居住在站点附近的人口；当到最近站点的时间 ≤ T 时，该居民在阈值 T 下即被覆盖。人口栅格可以是任意坐标系（包括以度为单位的 WorldPop）：它会被转换到速度栅格的网格上，且不丢失任何人口。
表格：全区一行、每个辖区一行、每个站点一行（以该站点为最近站点的人口），列出每个阈值下的已覆盖人口、未覆盖人口和覆盖比例；已覆盖 + 未覆盖 = 总人口，严格相等。若提供容量字段，每个站点最多服务该数量的人口，按距离由近及远分配，与站点顺序无关（在最大阈值下给出 served、unserved_full 列）。
缺口栅格：超出最大阈值的人口。热点：这些人口的聚集区（连接距离内的像元相连，单位米），按人口排序，并给出建议中心点：在中心半径内新设一个站点即可覆盖其中大部分人口。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="102"/>
        <source>Population raster</source>
        <translation>人口栅格</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="105"/>
        <source>Speed surface (km/h)</source>
        <translation>速度面（千米/小时）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="108"/>
        <source>Sites</source>
        <translation>站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="113"/>
        <source>Site name field</source>
        <translation>站点名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="121"/>
        <source>Site capacity field (people), optional</source>
        <translation>站点容量字段（人数，可选）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="130"/>
        <source>Thresholds, minutes</source>
        <translation>阈值（分钟）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="135"/>
        <source>Districts</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="143"/>
        <source>District name field</source>
        <translation>辖区名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="151"/>
        <source>Snapping distance for sites, m</source>
        <translation>站点捕捉距离（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="160"/>
        <source>Hotspots: linking distance, m</source>
        <translation>热点：连接距离（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="169"/>
        <source>Hotspots: radius of a new site&apos;s reach, m</source>
        <translation>热点：新站点覆盖半径（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="178"/>
        <source>Coverage table</source>
        <translation>覆盖统计表</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="183"/>
        <source>Gap: uncovered people</source>
        <translation>缺口：未覆盖人口</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="188"/>
        <source>Travel time to the nearest site (min)</source>
        <translation>到最近站点的出行时间（分钟）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="193"/>
        <source>Gap hotspots</source>
        <translation>缺口热点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="225"/>
        <source>Moving the population onto the speed raster's grid…</source>
        <translation>正在将人口转换到速度栅格的网格上……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="305"/>
        <source>Within {t:g} min: {c:,.0f} of {n:,.0f} people ({s:.1f} %).</source>
        <translation>{t:g} 分钟内：{n:,.0f} 人中有 {c:,.0f} 人（{s:.1f}%）。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="347"/>
        <source>Could not write the coverage table.</source>
        <translation>无法写入覆盖统计表。</translation>
    </message>
</context>
<context>
    <name>CoverageChart</name>
    <message>
        <location filename="../gui/widgets/coverage_chart.py" line="26"/>
        <source>People reached within each threshold, as a share of everyone; the thin line shows the value before the last edit</source>
        <translation>各阈值内可达的人口占总人口的比例；细线表示上一次编辑之前的数值</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_chart.py" line="59"/>
        <source>No numbers yet</source>
        <translation>暂无数据</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_chart.py" line="95"/>
        <source>≤ {t:g} min</source>
        <translation>≤ {t:g} 分钟</translation>
    </message>
</context>
<context>
    <name>CoverageView</name>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="38"/>
        <source>Build the model (tab Inputs), then place stops.</source>
        <translation>请先构建模型（“输入”选项卡），然后放置服务点。</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="40"/>
        <source>How many sites are counted, and for which season</source>
        <translation>统计了多少个站点，以及哪个季节的人口</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="42"/>
        <source>Within</source>
        <translation>时间范围</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="42"/>
        <source>Reached</source>
        <translation>已覆盖</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="42"/>
        <source>Not reached</source>
        <translation>未覆盖</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="55"/>
        <source>Share</source>
        <translation>比例</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="55"/>
        <source>Last edit</source>
        <translation>上次编辑</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="42"/>
        <source>People reached and not reached within each threshold; the last column is the change made by the last edit (gained minus lost)</source>
        <translation>各阈值内已覆盖和未覆盖的人口；最后一列是上一次编辑带来的变化（增加减去减少）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="51"/>
        <source>Who gained and who lost with the last edit</source>
        <translation>上一次编辑后哪些人获得、哪些人失去了服务</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="55"/>
        <source>District</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="55"/>
        <source>People</source>
        <translation>人口</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="55"/>
        <source>Share of each district&apos;s people reached within the target (the standard); equal shares mean equal access</source>
        <translation>各辖区在目标时间（服务标准）内被覆盖的人口比例；比例相同意味着服务均等</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="114"/>
        <source>summer</source>
        <translation>夏季</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="114"/>
        <source>winter</source>
        <translation>冬季</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="117"/>
        <source>{n} sites counted; population: {season}, {total:,.0f} people.</source>
        <translation>已统计 {n} 个站点；人口：{season}，共 {total:,.0f} 人。</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="126"/>
        <source>≤ {t:g} min</source>
        <translation>≤ {t:g} 分钟</translation>
    </message>
    <message>
        <location filename="../gui/widgets/coverage_view.py" line="139"/>
        <source>Last edit, within {t:g} min: {g:,.0f} people gained, {lo:,.0f} lost.</source>
        <translation>上次编辑，{t:g} 分钟内：新增覆盖 {g:,.0f} 人，失去覆盖 {lo:,.0f} 人。</translation>
    </message>
</context>
<context>
    <name>CoveringTourAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="68"/>
        <source>Covering tour (choose stops and routes)</source>
        <translation>覆盖巡回（选择服务点和路线）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="71"/>
        <source>Chooses mobile stops and day routes together: the shortest routes from the depot (at most ROUTES of them, each within the working day: driving plus DWELL minutes at each stop, at most MAX_STOPS stops) whose stops bring TARGET % of the people within the standard's minutes (ACCESS_MINUTES) of a visited stop. A route is one vehicle-day: ROUTES = 2 reads as two vehicles, or one vehicle two days per visit interval.

Candidates: CANDIDATES (e.g. the candidate sites, or settlements), else points every SPACING metres along the roads; candidates farther than MAX_SNAP metres from a road are left out (the log names them). Demand: DEMAND points (settlements, herder camps) with people in WEIGHT_FIELD (default 1 each), else every populated cell of the POPULATION raster. With FIXED facilities, people already within the standard of one of them are not demand. Who reaches a candidate: residents travel over the RESIDENT_SPEED raster (km/h of their mode). TARGET is a share of the people some candidate can reach at all; the log says how many no candidate reaches. Vehicle km/h per road class: ROAD_SPEEDS (default '{speeds}').

Outputs: OUTPUT_STOPS, the chosen stops with their route, order, arrival and departure (from DAY_START) and the people they bring within reach, and every_days (the standard's visit interval) — use them as STOPS of 'Plan mobile routes', with every_days as the frequency field; OUTPUT_ROUTES, the routes along the roads (km, minutes, people); OUTPUT_TRADEOFF, route time against people reached for the numbers of routes in TRADEOFF (e.g. '1, 2, 3'): the most people those routes reach and the least minutes for TARGET. TIME_LIMIT (advanced): seconds for the search; 0 = a fixed number of steps, the same answer every run.</source>
        <translation>同时选择流动服务点和每日路线：从基地出发的最短路线（最多 ROUTES 条，每条都在一个工作日之内：行驶时间加上每个服务点 DWELL 分钟的停靠时间，最多 MAX_STOPS 个服务点），使所经服务点在服务标准时间（ACCESS_MINUTES）内覆盖 TARGET % 的人口。一条路线就是一个车日：ROUTES = 2 可理解为两辆车，或一辆车在每个巡回间隔内跑两天。

候选：CANDIDATES（例如候选站点或居民点），否则沿道路每隔 SPACING 米取一个点；距道路超过 MAX_SNAP 米的候选点不予考虑（日志中会列出）。需求：DEMAND 点（居民点、牧户营地），人口取自 WEIGHT_FIELD（默认每点 1 人），否则为 POPULATION 栅格中每个有人口的像元。若提供 FIXED 固定设施，已在其中某一设施服务标准范围内的人口不计为需求。谁能到达候选点：居民按 RESIDENT_SPEED 栅格（其出行方式的千米/小时）出行。TARGET 是所有候选点能够到达的人口中的比例；日志会说明有多少人任何候选点都无法到达。各道路等级的车速（千米/小时）：ROAD_SPEEDS（默认“{speeds}”）。

输出：OUTPUT_STOPS，选中的服务点，包含所属路线、顺序、到达和离开时间（从 DAY_START 起算）、新覆盖的人口以及 every_days（服务标准的巡回间隔）——可将其作为“规划流动路线”的 STOPS，并以 every_days 作为频次字段；OUTPUT_ROUTES，沿道路的路线（千米、分钟、人口）；OUTPUT_TRADEOFF，对 TRADEOFF 中给出的各路线条数（例如“1, 2, 3”），列出路线时间与覆盖人口的权衡：这些路线最多能覆盖多少人，以及达到 TARGET 最少需要多少分钟。TIME_LIMIT（高级）：搜索用时（秒）；0 = 固定步数，每次运行结果相同。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="101"/>
        <source>Candidate stops (empty: points along the roads)</source>
        <translation>候选服务点（留空：沿道路取点）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="109"/>
        <source>Candidate name field</source>
        <translation>候选点名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="117"/>
        <source>Spacing of candidates along the roads, m</source>
        <translation>沿道路的候选点间距（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="126"/>
        <source>Demand points: settlements, herder camps (empty: population cells)</source>
        <translation>需求点：居民点、牧户营地（留空：人口像元）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="134"/>
        <source>Demand name field</source>
        <translation>需求点名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="142"/>
        <source>People per demand point (field)</source>
        <translation>每个需求点的人口（字段）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="151"/>
        <source>Fixed facilities (their people are not demand)</source>
        <translation>固定设施（其覆盖人口不计为需求）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="161"/>
        <source>Routes (vehicle-days)</source>
        <translation>路线数（车日）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="170"/>
        <source>Target, % of the people a candidate can reach</source>
        <translation>目标：候选点可到达人口的百分比（%）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="180"/>
        <source>Most stops per route (0 = no limit)</source>
        <translation>每条路线最多服务点数（0 = 不限）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="189"/>
        <source>Trade-off table for these numbers of routes (empty: none)</source>
        <translation>按这些路线条数生成权衡表（留空：不生成）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="198"/>
        <source>Chosen stops</source>
        <translation>选中的服务点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="203"/>
        <source>Covering routes</source>
        <translation>覆盖巡回路线</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="208"/>
        <source>Route time vs people reached</source>
        <translation>路线时间与覆盖人口</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="232"/>
        <source>The depot layer has {n} points: the first, &apos;{name}&apos;, is used.</source>
        <translation>基地图层有 {n} 个点：使用第一个“{name}”。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="246"/>
        <source>{p:,.0f} people are within {m:g} min of a fixed facility already.</source>
        <translation>已有 {p:,.0f} 人在固定设施 {m:g} 分钟范围内。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="254"/>
        <source>Who reaches each candidate…</source>
        <translation>正在计算各候选点的可达人口……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="273"/>
        <source>{p:,.0f} people ({share:.1f} %) reach no candidate within {m:g} min, e.g. {shown}: add candidates near them.</source>
        <translation>{p:,.0f} 人（{share:.1f}%）在 {m:g} 分钟内无法到达任何候选点，例如 {shown}：请在其附近增加候选点。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="306"/>
        <source>Choosing stops and routes…</source>
        <translation>正在选择服务点和路线……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="325"/>
        <source>{k} stops on {r} route(s), {m:.0f} minutes in all, reach {p:,.0f} people: {s:.1f} % of those a candidate can reach, {a:.1f} % of all {t:,.0f}.</source>
        <translation>{r} 条路线上的 {k} 个服务点，共 {m:.0f} 分钟，覆盖 {p:,.0f} 人：占候选点可到达人口的 {s:.1f}%，占全部 {t:,.0f} 人的 {a:.1f}%。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="351"/>
        <source>Route time against people reached…</source>
        <translation>正在计算路线时间与覆盖人口的权衡……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="403"/>
        <source>{n} candidate stops every {s:,.0f} m along the roads.</source>
        <translation>沿道路每隔 {s:,.0f} 米取得 {n} 个候选服务点。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="412"/>
        <source>{n} candidate(s) are farther than {d:,.0f} m from a road and were left out: {listed}.</source>
        <translation>{n} 个候选点距道路超过 {d:,.0f} 米，未予考虑：{listed}。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="424"/>
        <source>{n} candidate(s) are on roads not joined to the depot&apos;s and were left out: {listed}.</source>
        <translation>{n} 个候选点位于与基地不相连的道路上，未予考虑：{listed}。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="483"/>
        <source>Could not write {}.</source>
        <translation>无法写入 {}。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="502"/>
        <source>{k} route(s): at most {p:,.0f} people ({s:.1f} %), {t}.</source>
        <translation>{k} 条路线：最多覆盖 {p:,.0f} 人（{s:.1f}%），{t}。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="497"/>
        <source>cannot reach the target</source>
        <translation>无法达到目标</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/covering_tour.py" line="497"/>
        <source>{m:.0f} min for the target</source>
        <translation>达到目标需 {m:.0f} 分钟</translation>
    </message>
</context>
<context>
    <name>EquityAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/equity.py" line="58"/>
        <source>Equity between districts</source>
        <translation>辖区间均等性</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="61"/>
        <source>Coverage</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="67"/>
        <source>Measures how evenly basic services reach the districts, from a population raster and a travel-time raster (minutes to the nearest site, e.g. from Coverage or Travel time; NoData = cannot reach a site).
Per district: people, covered share per threshold, population-weighted mean travel time (of the people who can reach a site), share who cannot reach any site. Summary rows: the max/min ratio of the districts' covered shares (∞ when a district has none), the Gini coefficient of travel time over people (0 = equal; people who cannot reach a site count at the time cap, default twice the largest threshold), and the urban–rural gap: covered share of the town district minus that of the rest (the district named, else the densest).</source>
        <translation>根据人口栅格和出行时间栅格（到最近站点的分钟数，例如来自“覆盖”或“出行时间”；无数据 = 无法到达任何站点）衡量基本公共服务在各辖区之间的均衡程度。
每个辖区：人口、各阈值下的覆盖比例、人口加权平均出行时间（仅计能到达站点的人口）、无法到达任何站点的人口比例。汇总行：各辖区覆盖比例的最大/最小比值（某辖区为零时为 ∞）、按人口计算的出行时间基尼系数（0 = 完全均等；无法到达站点的人口按时间上限计，默认为最大阈值的两倍），以及城乡差距：城镇辖区的覆盖比例减去其余地区的覆盖比例（指定的辖区，否则为人口密度最高的辖区）。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="81"/>
        <source>Population raster</source>
        <translation>人口栅格</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="84"/>
        <source>Travel time to the nearest site (min)</source>
        <translation>到最近站点的出行时间（分钟）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="89"/>
        <source>Districts</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="94"/>
        <source>District name field</source>
        <translation>辖区名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="102"/>
        <source>Thresholds, minutes</source>
        <translation>阈值（分钟）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="107"/>
        <source>Town district (name; empty = the densest)</source>
        <translation>城镇辖区（名称；留空 = 人口密度最高者）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="114"/>
        <source>Time cap for the Gini, minutes (0 = twice the largest threshold)</source>
        <translation>基尼系数的时间上限（分钟；0 = 最大阈值的两倍）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="123"/>
        <source>Equity table</source>
        <translation>均等性统计表</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="128"/>
        <source>Gini of travel time</source>
        <translation>出行时间基尼系数</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="129"/>
        <source>Max/min covered share</source>
        <translation>覆盖比例最大/最小比值</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="132"/>
        <source>Urban–rural gap</source>
        <translation>城乡差距</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/equity.py" line="200"/>
        <source>Gini of travel time {g:.3f}; max/min covered share at {t:g} min: {r}; urban–rural gap {u:+.1%}.</source>
        <translation>出行时间基尼系数 {g:.3f}；{t:g} 分钟覆盖比例最大/最小比值：{r}；城乡差距 {u:+.1%}。</translation>
    </message>
</context>
<context>
    <name>FixedMobileAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="50"/>
        <source>Fixed + mobile coverage</source>
        <translation>固定 + 流动覆盖</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="53"/>
        <source>For one service standard, says for every person whether a fixed facility covers them (its residents reach it within ACCESS_MINUTES over the RESIDENT_SPEED raster, km/h of their own mode), else mobile stops visited at least as often as the standard requires (VISIT_EVERY_DAYS, default the standard's: clinic 14 days), else nobody — the 'fixed and mobile combined' network.

Inputs: POPULATION raster (any CRS; moved onto the speed raster's grid keeping every person); FIXED facility points with an optional LEVEL_FIELD (e.g. county / township / village, or the service) to split the fixed people by the level of their nearest facility; STOPS, the mobile stops with their visits per month in VISITS_FIELD (the 'visits_month' field of 'Plan mobile routes'); a stop reaches the residents within ACCESS_MINUTES, and a person's visits per month are those of every stop they reach, added up; DISTRICTS (polygons) with a name field.

Outputs: OUTPUT, a raster with 1 = fixed facility, 2 = mobile at the required frequency, 3 = not covered (0 = no data), styled; OUTPUT_TABLE, one row per district and a total: people, fixed, mobile, not covered (people and shares; fixed + mobile + not covered = people, exactly), mobile_below (reached by a stop but less often than required) and the fixed people per level.</source>
        <translation>针对一项服务标准，判断每位居民是由固定设施覆盖（居民按 RESIDENT_SPEED 栅格——其自身出行方式的千米/小时——在 ACCESS_MINUTES 内可到达该设施），还是由巡回频次不低于标准要求的流动服务点覆盖（VISIT_EVERY_DAYS，默认取服务标准的值：卫生院 14 天），或者无人覆盖——即“固定与流动相结合”的服务网络。

输入：POPULATION 人口栅格（任意坐标系；转换到速度栅格的网格上且不丢失人口）；FIXED 固定设施点，可选 LEVEL_FIELD（例如旗县 / 苏木乡镇 / 嘎查村，或服务类型），用于按最近设施的级别划分固定设施覆盖的人口；STOPS，流动服务点，每月巡回次数取自 VISITS_FIELD（“规划流动路线”输出的“visits_month”字段）；一个服务点覆盖 ACCESS_MINUTES 内的居民，一位居民每月的巡回次数为其可到达的所有服务点的巡回次数之和；DISTRICTS（多边形）及其名称字段。

输出：OUTPUT，栅格，1 = 固定设施，2 = 达到要求频次的流动服务，3 = 未覆盖（0 = 无数据），已设置样式；OUTPUT_TABLE，每个辖区一行及合计行：人口、固定、流动、未覆盖（人数和比例；固定 + 流动 + 未覆盖 = 人口，严格相等）、mobile_below（能到达服务点但巡回次数低于要求）以及按级别划分的固定设施覆盖人口。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="74"/>
        <source>Fixed facilities</source>
        <translation>固定设施</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="79"/>
        <source>Level of each facility (optional: county / township / village)</source>
        <translation>各设施的级别（可选：旗县 / 苏木乡镇 / 嘎查村）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="87"/>
        <source>Mobile stops (from Plan mobile routes)</source>
        <translation>流动服务点（来自“规划流动路线”）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="95"/>
        <source>Visits per month of each stop</source>
        <translation>各服务点每月巡回次数</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="105"/>
        <source>Districts</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="113"/>
        <source>District name field</source>
        <translation>辖区名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="122"/>
        <source>Fixed + mobile coverage (1 fixed, 2 mobile, 3 none)</source>
        <translation>固定 + 流动覆盖（1 固定，2 流动，3 无）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="127"/>
        <source>Fixed + mobile coverage by district</source>
        <translation>各辖区的固定 + 流动覆盖</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="182"/>
        <source>No mobile stops: only the fixed facilities count.</source>
        <translation>没有流动服务点：只统计固定设施。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="199"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/fixed_mobile.py" line="203"/>
        <source>Of {t:,.0f} people: {f:,.0f} fixed ({fs:.1f} %), {m:,.0f} mobile at least {n:.2f} visits a month ({ms:.1f} %), {u:,.0f} not covered ({us:.1f} %), of whom {b:,.0f} see a stop less often than required.</source>
        <translation>共 {t:,.0f} 人：固定设施覆盖 {f:,.0f} 人（{fs:.1f}%），流动服务每月至少 {n:.2f} 次覆盖 {m:,.0f} 人（{ms:.1f}%），未覆盖 {u:,.0f} 人（{us:.1f}%），其中 {b:,.0f} 人能到达服务点但巡回次数低于要求。</translation>
    </message>
</context>
<context>
    <name>InputsPage</name>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="46"/>
        <source>(required)</source>
        <translation>（必填）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="91"/>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="94"/>
        <source>People per cell in summer (any CRS; WorldPop works)</source>
        <translation>夏季每个像元的人口（任意坐标系；可直接使用 WorldPop）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="103"/>
        <source>Summer</source>
        <translation>夏季</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="98"/>
        <source>People per cell in winter (optional second season)</source>
        <translation>冬季每个像元的人口（可选的第二个季节）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="104"/>
        <source>Winter</source>
        <translation>冬季</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="105"/>
        <source>Which season&apos;s people the numbers count</source>
        <translation>统计哪个季节的人口</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="106"/>
        <source>Season</source>
        <translation>季节</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="111"/>
        <source>Cell size of the analysis grid when the population raster is in degrees</source>
        <translation>人口栅格以度为单位时，分析网格的像元大小</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="114"/>
        <source>Cell size</source>
        <translation>像元大小</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="118"/>
        <source>Travel model</source>
        <translation>出行模型</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="121"/>
        <source>Speed surface from layers</source>
        <translation>由图层生成速度面</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="122"/>
        <source>Existing speed raster (km/h)</source>
        <translation>已有速度栅格（千米/小时）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="123"/>
        <source>Road network, then off road</source>
        <translation>先走路网，再走非道路</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="124"/>
        <source>Straight line</source>
        <translation>直线距离</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="125"/>
        <source>How travel times are computed</source>
        <translation>出行时间的计算方式</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="135"/>
        <source>Land-cover classes (speeds per travel mode)</source>
        <translation>土地覆盖类型（按出行方式设定速度）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="172"/>
        <source>Land cover</source>
        <translation>土地覆盖</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="139"/>
        <source>Roads, burnt in with a speed per road class</source>
        <translation>道路，按道路等级赋予速度后写入速度面</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="174"/>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="143"/>
        <source>The field holding the road class (paved, gravel, track, OSM highway tags…)</source>
        <translation>存放道路等级的字段（柏油路、砂石路、土路、OSM highway 标签等）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="178"/>
        <source>Road class field</source>
        <translation>道路等级字段</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="148"/>
        <source>Rivers, fences, borders: impassable except at bridges</source>
        <translation>河流、围栏、边界：除桥梁处外不可通行</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="152"/>
        <source>Barriers</source>
        <translation>障碍</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="153"/>
        <source>Where roads cross the barriers (optional)</source>
        <translation>道路跨越障碍的位置（可选）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="156"/>
        <source>Bridges</source>
        <translation>桥梁</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="161"/>
        <source>A raster of km/h, e.g. from the Speed surface tool</source>
        <translation>以千米/小时为单位的栅格，例如由“速度面”工具生成</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="164"/>
        <source>Speed raster</source>
        <translation>速度栅格</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="169"/>
        <source>Land cover for the way to and from the road</source>
        <translation>往返道路途中所用的土地覆盖</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="173"/>
        <source>The road network</source>
        <translation>路网</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="175"/>
        <source>The field holding the road class</source>
        <translation>存放道路等级的字段</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="186"/>
        <source>Constant speed as the crow flies</source>
        <translation>按直线距离计算的恒定速度</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="187"/>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="193"/>
        <source>Sites and districts</source>
        <translation>站点与辖区</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="197"/>
        <source>Existing facilities (hospitals, clinics, libraries…)</source>
        <translation>现有设施（医院、卫生院、图书馆等）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="200"/>
        <source>Fixed facilities</source>
        <translation>固定设施</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="201"/>
        <source>The field naming each facility&apos;s service; empty: every facility counts</source>
        <translation>标明每个设施服务类型的字段；留空则统计所有设施</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="205"/>
        <source>Service field</source>
        <translation>服务类型字段</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="207"/>
        <source>Where your mobile stops and candidates are saved</source>
        <translation>保存流动服务点和候选点的图层</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="211"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="212"/>
        <source>Create a stops layer in the planner&apos;s GeoPackage beside the project</source>
        <translation>在项目旁的规划 GeoPackage 中新建服务点图层</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="216"/>
        <source>Stops layer</source>
        <translation>服务点图层</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="217"/>
        <source>Count candidate sites as if built</source>
        <translation>将候选点视为已建成并计入统计</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="218"/>
        <source>On: the numbers include the candidate facilities you placed; off: they are only the pool that Propose stops chooses from</source>
        <translation>勾选：统计数据包含您放置的候选设施；不勾选：候选点仅作为“推荐站点”的备选集合</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="223"/>
        <source>Districts to compare (townships, villages…)</source>
        <translation>用于比较的辖区（苏木乡镇、嘎查村等）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="226"/>
        <source>Districts</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="227"/>
        <source>The field with the district names</source>
        <translation>存放辖区名称的字段</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="230"/>
        <source>District name field</source>
        <translation>辖区名称字段</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="235"/>
        <source>A site on water or off the grid moves to the nearest passable cell this close; farther, it is not counted (you are told)</source>
        <translation>位于水面或网格外的站点会移动到此距离内最近的可通行像元；超出此距离则不计入统计（会给出提示）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/inputs_page.py" line="239"/>
        <source>Snapping distance</source>
        <translation>捕捉距离</translation>
    </message>
</context>
<context>
    <name>LiveLayers</name>
    <message>
        <location filename="../gui/live_layers.py" line="42"/>
        <source>MPS Planner</source>
        <translation>流动公共服务规划</translation>
    </message>
    <message>
        <location filename="../gui/live_layers.py" line="57"/>
        <source>Reached within (minutes)</source>
        <translation>可达时间范围（分钟）</translation>
    </message>
    <message>
        <location filename="../gui/live_layers.py" line="58"/>
        <source>Not reached: people per cell</source>
        <translation>未覆盖：每个像元的人口</translation>
    </message>
    <message>
        <location filename="../gui/live_layers.py" line="59"/>
        <source>Gained / lost in the last edit</source>
        <translation>上次编辑中获得 / 失去覆盖</translation>
    </message>
</context>
<context>
    <name>LiveStyles</name>
    <message>
        <location filename="../report/analysis_styles.py" line="164"/>
        <source>{lower:g}–{upper:g} min</source>
        <translation>{lower:g}–{upper:g} 分钟</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="191"/>
        <source>gained</source>
        <translation>获得覆盖</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="191"/>
        <source>lost</source>
        <translation>失去覆盖</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="206"/>
        <source>lose 5 or more</source>
        <translation>失去 5 人及以上</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="209"/>
        <source>lose fewer than 5</source>
        <translation>失去少于 5 人</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="212"/>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="215"/>
        <source>gain up to 5</source>
        <translation>获得至多 5 人</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="218"/>
        <source>gain more than 5</source>
        <translation>获得 5 人以上</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="252"/>
        <source>reached in B only</source>
        <translation>仅 B 方案覆盖</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="252"/>
        <source>reached in A only</source>
        <translation>仅 A 方案覆盖</translation>
    </message>
</context>
<context>
    <name>MobileAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="107"/>
        <source>Mobile services</source>
        <translation>流动服务</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="114"/>
        <source>Roads (lines)</source>
        <translation>道路（线）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="119"/>
        <source>Road class field (paved / gravel / track; empty: every road a track)</source>
        <translation>道路等级字段（柏油路 / 砂石路 / 土路；留空：所有道路均视为土路）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="127"/>
        <source>Vehicle speed per road class, km/h</source>
        <translation>各道路等级的车速（千米/小时）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="144"/>
        <source>Depot name field</source>
        <translation>基地名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="154"/>
        <source>Working hours per day (including the drive back), h</source>
        <translation>每天工作时长（含返程），小时</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="164"/>
        <source>The working day starts at (HH:MM)</source>
        <translation>工作日开始时间（HH:MM）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="169"/>
        <source>Dwell time at each stop, minutes</source>
        <translation>每个服务点的停靠时间（分钟）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="178"/>
        <source>Largest distance from a depot or stop to the road, m</source>
        <translation>基地或服务点到道路的最大距离（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="189"/>
        <source>Service standard</source>
        <translation>服务标准</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="197"/>
        <source>Residents reach a stop within, minutes (0 = the standard&apos;s)</source>
        <translation>居民到达服务点的时间上限，分钟（0 = 服务标准的值）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="206"/>
        <source>Visit every N days (0 = the standard&apos;s)</source>
        <translation>每 N 天巡回一次（0 = 服务标准的值）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="215"/>
        <source>Residents&apos; speed raster, km/h (their mode: walking, riding)</source>
        <translation>居民速度栅格，千米/小时（其出行方式：步行、骑行）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="222"/>
        <source>Population raster</source>
        <translation>人口栅格</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="229"/>
        <source>Time for the solver, seconds</source>
        <translation>求解器用时（秒）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="229"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="264"/>
        <source>Moving the population onto the residents' speed grid…</source>
        <translation>正在将人口转换到居民速度栅格的网格上……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="284"/>
        <source>Analysis CRS: {}</source>
        <translation>分析坐标系：{}</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="295"/>
        <source>Vehicle speeds: {}.</source>
        <translation>车速：{}。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="136"/>
        <source>Depots (fixed facilities the vehicles start from)</source>
        <translation>基地（车辆出发的固定设施）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/_mobile_params.py" line="136"/>
        <source>Depot</source>
        <translation>基地</translation>
    </message>
</context>
<context>
    <name>ModelInputs</name>
    <message>
        <location filename="../gui/tasks/build_model.py" line="73"/>
        <source>Choose the {what} (a raster layer of the project).</source>
        <translation>请选择{what}（项目中的栅格图层）。</translation>
    </message>
    <message>
        <location filename="../gui/tasks/build_model.py" line="94"/>
        <source>Choose the {what} layer.</source>
        <translation>请选择{what}图层。</translation>
    </message>
    <message>
        <location filename="../gui/tasks/build_model.py" line="98"/>
        <source>The {what} layer &apos;{name}&apos; is not a valid vector layer.</source>
        <translation>{what}图层“{name}”不是有效的矢量图层。</translation>
    </message>
    <message>
        <location filename="../gui/tasks/build_model.py" line="111"/>
        <source>population raster (summer)</source>
        <translation>人口栅格（夏季）</translation>
    </message>
    <message>
        <location filename="../gui/tasks/build_model.py" line="117"/>
        <source>population raster (winter)</source>
        <translation>人口栅格（冬季）</translation>
    </message>
    <message>
        <location filename="../gui/tasks/build_model.py" line="138"/>
        <source>land-cover raster</source>
        <translation>土地覆盖栅格</translation>
    </message>
    <message>
        <location filename="../gui/tasks/build_model.py" line="147"/>
        <source>Choose the field of the roads layer that holds the road class.</source>
        <translation>请选择道路图层中存放道路等级的字段。</translation>
    </message>
    <message>
        <location filename="../gui/tasks/build_model.py" line="153"/>
        <source>roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../gui/tasks/build_model.py" line="160"/>
        <source>speed raster (km/h)</source>
        <translation>速度栅格（千米/小时）</translation>
    </message>
    <message>
        <location filename="../gui/tasks/build_model.py" line="80"/>
        <source>The {what} &apos;{name}&apos; is not a file GDAL can read (it comes from &apos;{provider}&apos;); save it as a GeoTIFF and choose that.</source>
        <translation>{what}“{name}”不是 GDAL 可读取的文件（来源：“{provider}”）；请将其另存为 GeoTIFF 后再选择。</translation>
    </message>
</context>
<context>
    <name>MpsAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/base.py" line="84"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="88"/>
        <source>Not enough memory for this analysis. Use a coarser cell size or clip the input to the study area, then run it again.</source>
        <translation>内存不足，无法完成此分析。请使用更大的像元或将输入裁剪到研究区后重新运行。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="98"/>
        <source>{name} stopped on an unexpected error: {error}. No output was written. The details are in the log (View ▸ Panels ▸ Log Messages, tab '{tag}'); please report them.</source>
        <translation>{name} 因意外错误而停止：{error}。未写入任何输出。详细信息见日志（视图 ▸ 面板 ▸ 日志消息，“{tag}”选项卡）；请报告此问题。</translation>
    </message>
</context>
<context>
    <name>MpsPlannerPlugin</name>
    <message>
        <location filename="../plugin.py" line="66"/>
        <source>MPS Planner</source>
        <translation>流动公共服务规划</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="78"/>
        <source>Planner panel</source>
        <translation>规划面板</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="79"/>
        <source>Show or hide the MPS Planner panel</source>
        <translation>显示或隐藏流动公共服务规划面板</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="82"/>
        <source>Create sample region…</source>
        <translation>创建示例区域……</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="83"/>
        <source>Generate the built-in pastoral county sample data and add it to the map</source>
        <translation>生成内置的牧区旗县示例数据并添加到地图</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="91"/>
        <source>About MPS Planner…</source>
        <translation>关于流动公共服务规划……</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="92"/>
        <source>The plugin&apos;s version and what it is for</source>
        <translation>插件的版本及用途</translation>
    </message>
</context>
<context>
    <name>NetworkTravelTimeAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="84"/>
        <source>Travel time along roads (then off road)</source>
        <translation>沿道路的出行时间（再走非道路）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="87"/>
        <source>Travel time</source>
        <translation>出行时间</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="93"/>
        <source>Minutes from the nearest source along a road network and, with an off-road speed raster, from the road on to every cell of the grid.

Inputs: ROADS, a line layer (any CRS; multi-part lines are fine; features that touch at a shared vertex are joined, crossings without a shared vertex are overpasses); CLASS_FIELD, the field with the road class (paved, gravel, track, their Chinese names or 1/2/3; CLASS_MAP maps other values, e.g. 'primary=paved, residential=gravel'; unknown values get DEFAULT_CLASS and are listed in the log); SOURCES, points (sites, depots) with an optional NAME_FIELD; MODE, whose road speeds are used (km/h for {classes}: {speeds}); OFFROAD_SPEED, an optional raster of km/h for the leg from the road to each cell (0 or NoData = impassable); MAX_MINUTES, the time limit (0 = none); MAX_SNAP, the largest distance in metres from a source to the nearest road (0 = no limit; a source farther away is named in the error).

Outputs: OUTPUT, a raster on the grid of OFFROAD_SPEED with minutes (Float32, NoData −1 where not reached; written only when OFFROAD_SPEED is given): each source's snap leg is crossed off road, then the road is driven, then the way from the road goes over the off-road speeds; OUTPUT_NETWORK, the road segments with minutes (earliest on the segment), from_min/to_min at their ends, the nearest source, the road feature it comes from (road_fid) and the network component (0 = the main network; a source on another piece reaches only that piece, as the log says).

The analysis runs in the CRS of OFFROAD_SPEED, else in the roads' CRS if it is in metres, else in the UTM zone of the roads.</source>
        <translation>计算沿路网到最近出发点的分钟数；若提供非道路速度栅格，还会从道路继续计算到网格的每个像元。

输入：ROADS，线图层（任意坐标系；可为多部件线；在共享节点处相接的要素相连，没有共享节点的交叉视为立交）；CLASS_FIELD，道路等级字段（paved、gravel、track，对应的中文名称或 1/2/3；CLASS_MAP 映射其他取值，例如“primary=paved, residential=gravel”；未识别的取值使用 DEFAULT_CLASS 并记录在日志中）；SOURCES，点图层（站点、车库），可选 NAME_FIELD；MODE，所用道路速度对应的出行方式（{classes} 的千米/小时：{speeds}）；OFFROAD_SPEED，可选的千米/小时栅格，用于从道路到各像元的路段（0 或无数据 = 不可通行）；MAX_MINUTES，时间上限（0 = 不限）；MAX_SNAP，出发点到最近道路的最大距离（米；0 = 不限；超出距离的出发点会在错误信息中列出）。

输出：OUTPUT，位于 OFFROAD_SPEED 网格上的分钟数栅格（Float32，未到达处无数据值为 −1；仅在提供 OFFROAD_SPEED 时写出）：每个出发点先以非道路方式走到道路上的捕捉点，然后沿道路行驶，再从道路按非道路速度到达各处；OUTPUT_NETWORK，带分钟数的道路路段（路段上最早到达时间）、两端的 from_min/to_min、最近出发点、来源道路要素（road_fid）和路网连通分量（0 = 主路网；位于其他分量上的出发点只能到达该分量，日志中会说明）。

分析在 OFFROAD_SPEED 的坐标系中进行；否则若道路的坐标系以米为单位则使用道路的坐标系；再否则使用道路所在的 UTM 分带。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="127"/>
        <source>Roads (lines)</source>
        <translation>道路（线）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="132"/>
        <source>Road class field (empty: every road is the default class)</source>
        <translation>道路等级字段（留空：所有道路均为默认等级）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="140"/>
        <source>Class mapping for other values (value=class, comma-separated)</source>
        <translation>其他取值的等级映射（取值=等级，逗号分隔）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="147"/>
        <source>Class of roads with an unknown or empty class value</source>
        <translation>等级未知或为空的道路所用等级</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="155"/>
        <source>Sources (points)</source>
        <translation>出发点（点）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="160"/>
        <source>Source name field (for messages and the output)</source>
        <translation>出发点名称字段（用于提示信息和输出）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="168"/>
        <source>Travel mode on the roads</source>
        <translation>道路上的出行方式</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="176"/>
        <source>Off-road speed raster (km/h; optional)</source>
        <translation>非道路速度栅格（千米/小时；可选）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="183"/>
        <source>Time limit (minutes; 0 = no limit)</source>
        <translation>时间上限（分钟；0 = 不限）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="192"/>
        <source>Largest distance from a source to the road (metres; 0 = no limit)</source>
        <translation>出发点到道路的最大距离（米；0 = 不限）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="201"/>
        <source>Travel time (minutes)</source>
        <translation>出行时间（分钟）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="206"/>
        <source>Road network with travel times</source>
        <translation>带出行时间的路网</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="252"/>
        <source>Analysis CRS: {}</source>
        <translation>分析坐标系：{}</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="255"/>
        <source>Reading the roads…</source>
        <translation>正在读取道路……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="271"/>
        <source>The road network has {n} separate pieces; the main one has {km:,.1f} km of road ({share:.0%}).</source>
        <translation>路网由 {n} 个互不相连的部分组成；主路网有 {km:,.1f} 千米道路（{share:.0%}）。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="288"/>
        <source>{n} sources snapped to the roads; the farthest was {d:,.0f} m away.</source>
        <translation>{n} 个出发点已捕捉到道路上；最远的距道路 {d:,.0f} 米。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="295"/>
        <source>Source &apos;{name}&apos; is on {where}: it reaches only that piece.</source>
        <translation>出发点“{name}”位于{where}：它只能到达该部分路网。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="304"/>
        <source>Travel times by road, then off road…</source>
        <translation>正在计算先走道路、再走非道路的出行时间……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="316"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="320"/>
        <source>{n:,} of {total:,} cells reached.</source>
        <translation>{total:,} 个像元中有 {n:,} 个可到达。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/network_travel_time.py" line="328"/>
        <source>No off-road speed raster was given, so there is no grid: only the network times (OUTPUT_NETWORK) were computed and OUTPUT was not written.</source>
        <translation>未提供非道路速度栅格，因此没有网格：只计算了路网时间（OUTPUT_NETWORK），未写出 OUTPUT。</translation>
    </message>
</context>
<context>
    <name>PlainTask</name>
    <message>
        <location filename="../gui/tasks/plain_task.py" line="86"/>
        <source>Not enough memory for this analysis. Use a coarser cell size or clip the inputs to the study area.</source>
        <translation>内存不足，无法完成此分析。请使用更大的像元或将输入裁剪到研究区。</translation>
    </message>
    <message>
        <location filename="../gui/tasks/plain_task.py" line="91"/>
        <source>Something went wrong inside MPS Planner; the details are in the log (View ▸ Panels ▸ Log Messages, tab MPS Planner).</source>
        <translation>流动公共服务规划内部出错；详细信息见日志（视图 ▸ 面板 ▸ 日志消息，“MPS Planner”选项卡）。</translation>
    </message>
    <message>
        <location filename="../gui/tasks/plain_task.py" line="97"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
</context>
<context>
    <name>PlanRoutesAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="63"/>
        <source>Plan mobile routes (given stops)</source>
        <translation>规划流动路线（给定服务点）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="66"/>
        <source>Plans a mobile service (clinic van, library bus, police post) over a planning period: which stops each vehicle visits on which working day, in which order, along which roads, each stop at its required frequency with its visits spread evenly, every day within the working hours including the drive back to the depot.

Inputs: ROADS (lines, any CRS) with a CLASS_FIELD (paved / gravel / track, Chinese names or 1/2/3) and the vehicle's km/h per class (ROAD_SPEEDS, default '{speeds}'); DEPOTS, fixed facilities the vehicles leave from and return to, VEHICLES per depot (or a VEHICLES_FIELD); STOPS, points (drawn, or chosen by site selection or 'Covering tour') with an optional FREQUENCY_FIELD: a number (FREQUENCY_UNIT: every N days, or visits per period) or text such as 'every 14 days', '2 weeks', 'monthly', '3 visits', '每两周'; empty = the standard's interval (clinic every 14 days, rural library every 30, combined vehicle every 7); an optional DWELL_FIELD (minutes) else DWELL. The period is WEEKS weeks, working on WEEKDAYS (e.g. 'Mon-Fri', 'Mon,Wed,Fri'), from START_DATE (YYYY-MM-DD, optional: without it day 1 is a Monday). WORK_HOURS per day (h), DAY_START (HH:MM). A stop or depot farther than MAX_SNAP metres from a road is refused by name.

With the residents' speed raster (km/h of their own mode: walking, riding; from 'Speed surface') and a population raster, each stop's reach is the people within the standard's minutes (ACCESS_MINUTES) over that raster; the log gives people × visits per month and the share reached at least at the required frequency.

Outputs: OUTPUT_ROUTES, one line per vehicle and day along the roads (km, driving / dwell / total minutes, start and end time, stops, people reached); OUTPUT_STOPS, one point per stop (required and planned visits per period, visit days, largest gap in days, visits per month, people, person-visits per month); OUTPUT_VISITS, one point per call (sequence, arrival and departure) — give OUTPUT_ROUTES and OUTPUT_VISITS to 'Mobile timetable' for the driver's sheet and the notices at the stops.

When the visits do not fit, the error says what would: e.g. how many more vehicle-days; ALLOW_PARTIAL writes the incomplete plan instead and lists the missing visits. SPREAD: days a visit may move from its evenly spaced day. TIME_LIMIT (advanced): seconds the solver improves the plan; 0 = a fixed number of steps, the same plan on every run.</source>
        <translation>在一个规划周期内规划流动服务（流动医疗车、流动图书车、流动警务车）：每辆车在哪个工作日、按什么顺序、沿哪些道路巡回哪些服务点；每个服务点按其要求的频次巡回且各次巡回均匀分布；每天都在工作时长之内（含返回基地的行程）。

输入：ROADS（线，任意坐标系）及 CLASS_FIELD（柏油路 / 砂石路 / 土路，中文名称或 1/2/3），以及车辆在各等级道路上的速度（ROAD_SPEEDS，默认“{speeds}”）；DEPOTS，车辆出发和返回的固定设施（基地），每个基地的车辆数 VEHICLES（或 VEHICLES_FIELD）；STOPS，服务点（手工绘制，或由选址或“覆盖巡回”选出），可选 FREQUENCY_FIELD：数字（FREQUENCY_UNIT：每 N 天一次，或每个周期的巡回次数）或文字，例如“every 14 days”“2 weeks”“monthly”“3 visits”“每两周”；留空 = 服务标准的巡回间隔（卫生院每 14 天，牧区图书馆每 30 天，综合服务车每 7 天）；可选 DWELL_FIELD（分钟），否则使用 DWELL。规划周期为 WEEKS 周，在 WEEKDAYS 工作（例如“Mon-Fri”“Mon,Wed,Fri”），从 START_DATE 开始（YYYY-MM-DD，可选：不填时第 1 天为星期一）。每天工作时长 WORK_HOURS（小时），开始时间 DAY_START（HH:MM）。距道路超过 MAX_SNAP 米的服务点或基地会被指名拒绝。

若提供居民速度栅格（居民自身出行方式的千米/小时：步行、骑行；来自“速度面”）和人口栅格，每个服务点的覆盖范围为在该栅格上服务标准时间（ACCESS_MINUTES）内的人口；日志给出人口 × 每月巡回次数，以及至少达到要求频次的覆盖比例。

输出：OUTPUT_ROUTES，每辆车每天一条沿道路的线（千米、行驶 / 停靠 / 总分钟数、出发和结束时间、服务点、覆盖人口）；OUTPUT_STOPS，每个服务点一个点（每个周期要求的和已安排的巡回次数、巡回日期、最大间隔天数、每月巡回次数、人口、每月服务人次）；OUTPUT_VISITS，每次到访一个点（顺序、到达和离开时间）——将 OUTPUT_ROUTES 和 OUTPUT_VISITS 交给“流动服务时刻表”，即可生成司机时刻表和服务点告示。

巡回安排不下时，错误信息会说明需要什么：例如还需要多少个车日；ALLOW_PARTIAL 则改为写出不完整的方案并列出缺少的巡回。SPREAD：一次巡回可偏离其均匀分布日期的天数。TIME_LIMIT（高级）：求解器改进方案的用时（秒）；0 = 固定步数，每次运行得到相同的方案。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="107"/>
        <source>Vehicles per depot</source>
        <translation>每个基地的车辆数</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="116"/>
        <source>Vehicles per depot from a field (optional)</source>
        <translation>从字段读取每个基地的车辆数（可选）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="125"/>
        <source>Stops</source>
        <translation>服务点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="130"/>
        <source>Stop name field</source>
        <translation>服务点名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="138"/>
        <source>Required frequency field (empty: the standard&apos;s interval)</source>
        <translation>要求频次字段（留空：服务标准的巡回间隔）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="146"/>
        <source>A number in the frequency field means</source>
        <translation>频次字段中的数字表示</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="146"/>
        <source>every N days</source>
        <translation>每 N 天一次</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="146"/>
        <source>visits per planning period</source>
        <translation>每个规划周期的巡回次数</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="154"/>
        <source>Dwell minutes per stop from a field (optional)</source>
        <translation>从字段读取每个服务点的停靠分钟数（可选）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="164"/>
        <source>Planning period, weeks</source>
        <translation>规划周期（周）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="174"/>
        <source>Working weekdays</source>
        <translation>工作的星期</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="179"/>
        <source>First day of the period (YYYY-MM-DD, optional)</source>
        <translation>周期的第一天（YYYY-MM-DD，可选）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="187"/>
        <source>Visits may move from their evenly spaced days by, days</source>
        <translation>巡回可偏离均匀分布日期的天数</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="196"/>
        <source>Write an incomplete plan when the visits do not fit</source>
        <translation>巡回安排不下时写出不完整的方案</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="204"/>
        <source>Routes by vehicle and day</source>
        <translation>按车辆和日期划分的路线</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="211"/>
        <source>Stops with their visits</source>
        <translation>服务点及其巡回</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="216"/>
        <source>Visits (sequence, arrival, departure)</source>
        <translation>到访（顺序、到达、离开）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="269"/>
        <source>{v} vehicle(s), {d} working days in a {p}-day period, {s} stops needing {k} visits.</source>
        <translation>{v} 辆车，{p} 天周期内 {d} 个工作日，{s} 个服务点共需 {k} 次巡回。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="282"/>
        <source>Planning the days…</source>
        <translation>正在安排每天的行程……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="298"/>
        <source>Drawing the routes along the roads…</source>
        <translation>正在沿道路绘制路线……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="305"/>
        <source>Who reaches the stops…</source>
        <translation>正在计算谁能到达各服务点……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="321"/>
        <source>Residents ({mode}) within {m:g} min of a visited stop: {r:,.0f} of {t:,.0f} people; {f:,.0f} ({s:.1f} %) at least {n:.2f} times a month; {pv:,.0f} person-visits per month.</source>
        <translation>居民（{mode}）在 {m:g} 分钟内可到达有巡回的服务点：{t:,.0f} 人中有 {r:,.0f} 人；其中 {f:,.0f} 人（{s:.1f}%）每月至少 {n:.2f} 次；每月共 {pv:,.0f} 服务人次。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="338"/>
        <source>No population raster: the people reached by the stops are not counted.</source>
        <translation>没有人口栅格：不统计服务点覆盖的人口。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="419"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="421"/>
        <source>Could not write {}.</source>
        <translation>无法写入 {}。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="434"/>
        <source>{name}: {days} days, {visits} visits at {stops} stops, {km:,.0f} km, {h:.1f} h driving{reached}.</source>
        <translation>{name}：{days} 天，{stops} 个服务点共巡回 {visits} 次，{km:,.0f} 千米，行驶 {h:.1f} 小时{reached}。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/plan_routes.py" line="429"/>
        <source>, {p:,.0f} people</source>
        <translation>，覆盖 {p:,.0f} 人</translation>
    </message>
</context>
<context>
    <name>PlannerController</name>
    <message>
        <location filename="../gui/controller.py" line="134"/>
        <source>Inputs changed: build again.</source>
        <translation>输入已更改：请重新构建。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="183"/>
        <source>The stops could not be copied beside the project: {e}</source>
        <translation>无法将服务点复制到项目所在文件夹：{e}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="195"/>
        <source>Stops and scenarios were moved beside the project: {path}</source>
        <translation>服务点和方案已移到项目所在文件夹：{path}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="208"/>
        <source>Set a projected CRS for the project (in metres) before adding stops.</source>
        <translation>添加服务点之前，请为项目设置以米为单位的投影坐标系。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="221"/>
        <source>Mobile stops and candidates</source>
        <translation>流动服务点与候选点</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="223"/>
        <source>The stops layer could not be opened from {p}.</source>
        <translation>无法从 {p} 打开服务点图层。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="239"/>
        <source>The layer &apos;{name}&apos; lacks the fields {fields}: choose a stops layer made by the panel, or press New to make one.</source>
        <translation>图层“{name}”缺少字段 {fields}：请选择由本面板创建的服务点图层，或点击“新建”创建一个。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="299"/>
        <source>MPS Planner: building the travel model</source>
        <translation>流动公共服务规划：正在构建出行模型</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="306"/>
        <source>Building the travel model…</source>
        <translation>正在构建出行模型……</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="320"/>
        <source>Ready: {rows} × {cols} cells of {size:g} m.</source>
        <translation>就绪：{rows} × {cols} 个像元，像元大小 {size:g} 米。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="365"/>
        <source>Choose a population raster for {season} first.</source>
        <translation>请先为{season}选择人口栅格。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="402"/>
        <source>MPS Planner: coverage</source>
        <translation>流动公共服务规划：覆盖统计</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="479"/>
        <source>Stop {n}</source>
        <translation>服务点 {n}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="479"/>
        <source>Candidate {n}</source>
        <translation>候选点 {n}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="491"/>
        <source>Add {name}</source>
        <translation>添加 {name}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="499"/>
        <source>That stop is no longer in the stops layer.</source>
        <translation>该服务点已不在服务点图层中。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="503"/>
        <source>Move {name}</source>
        <translation>移动 {name}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="514"/>
        <source>Delete {name}</source>
        <translation>删除 {name}</translation>
    </message>
</context>
<context>
    <name>PlannerDock</name>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="46"/>
        <source>MPS Planner</source>
        <translation>流动公共服务规划</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="57"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="59"/>
        <source>Undo the last edit of the stops</source>
        <translation>撤销对服务点的上一次编辑</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="62"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="64"/>
        <source>Redo the edit undone last</source>
        <translation>重做上一次撤销的编辑</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="188"/>
        <source>Build model</source>
        <translation>构建模型</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="75"/>
        <source>Read the population, build the travel model and count who is reached; needed again after the inputs change</source>
        <translation>读取人口、构建出行模型并统计覆盖人口；输入更改后需要重新构建</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="187"/>
        <source>Not built yet.</source>
        <translation>尚未构建。</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="81"/>
        <source>State of the travel model</source>
        <translation>出行模型的状态</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="95"/>
        <source>Inputs</source>
        <translation>输入</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="103"/>
        <source>Coverage</source>
        <translation>覆盖</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="106"/>
        <source>Scenarios</source>
        <translation>方案</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="107"/>
        <source>Choose the population, the travel model and the service standard</source>
        <translation>选择人口、出行模型和服务标准</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="107"/>
        <source>Who is reached now, and what the last edit changed</source>
        <translation>当前覆盖了哪些人，以及上一次编辑带来了什么变化</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="107"/>
        <source>Save, switch and compare plans</source>
        <translation>保存、切换和比较规划方案</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="117"/>
        <source>Version {version}</source>
        <translation>版本 {version}</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="118"/>
        <source>The plugin&apos;s version (from metadata.txt)</source>
        <translation>插件版本（来自 metadata.txt）</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="121"/>
        <source>About</source>
        <translation>关于</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="122"/>
        <source>About MPS Planner: version, purpose, where to report</source>
        <translation>关于流动公共服务规划：版本、用途、问题反馈</translation>
    </message>
    <message>
        <location filename="../gui/docks/planner_dock.py" line="188"/>
        <source>Rebuild</source>
        <translation>重新构建</translation>
    </message>
</context>
<context>
    <name>PlanningMapAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="52"/>
        <source>Planning map (print layout)</source>
        <translation>规划图（打印布局）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="55"/>
        <source>Reports</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="65"/>
        <source>Builds the planning map sheet as a print layout named after the title in the project&apos;s layout manager (editable in the layout designer) and exports it.
Inputs: the layers to show, top to bottom (default: the project&apos;s visible layers); the coverage results, either the table written by Coverage and gaps (one row per district) or a scenario saved as JSON; the title; the paper size.
Outputs: the sheet as PDF and, optionally, PNG; the tables it shows as CSV (UTF-8 with BOM) in a folder. The table lists per district the people, the share (%) within each travel-time threshold (minutes) and the people beyond the target threshold; the chart shows the people covered per threshold.</source>
        <translation>将规划图图幅生成为打印布局，以标题命名并放入项目的布局管理器（可在布局设计器中编辑），然后导出。
输入：要显示的图层，自上而下（默认：项目中可见的图层）；覆盖结果，可以是“覆盖与缺口”写出的统计表（每个辖区一行），也可以是保存为 JSON 的方案；标题；纸张大小。
输出：PDF 格式的图幅，以及可选的 PNG；图幅中显示的表格以 CSV（带 BOM 的 UTF-8）写入一个文件夹。表格按辖区列出人口、各出行时间阈值（分钟）内的覆盖比例（%）以及超出目标阈值的人口；图表显示各阈值内的覆盖人口。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="88"/>
        <source>Layers to show (top to bottom)</source>
        <translation>要显示的图层（自上而下）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="96"/>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="99"/>
        <source>Subtitle</source>
        <translation>副标题</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="104"/>
        <source>Data sources</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="107"/>
        <source>Coverage table (from Coverage and gaps)</source>
        <translation>覆盖统计表（来自“覆盖与缺口”）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="115"/>
        <source>…or a scenario (JSON)</source>
        <translation>……或方案（JSON）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="123"/>
        <source>Target threshold (minutes; people beyond it are listed)</source>
        <translation>目标阈值（分钟；列出超出该阈值的人口）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="132"/>
        <source>Paper</source>
        <translation>纸张</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="148"/>
        <source>Language of the sheet</source>
        <translation>图幅语言</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="156"/>
        <source>Resolution (dpi)</source>
        <translation>分辨率（dpi）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="166"/>
        <source>Planning map (PDF)</source>
        <translation>规划图（PDF）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="171"/>
        <source>Planning map (PNG)</source>
        <translation>规划图（PNG）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="180"/>
        <source>Folder for the tables (CSV)</source>
        <translation>表格文件夹（CSV）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="65"/>
        <source>Layout template (optional): a .qpt file saved from the layout designer, e.g. a copy of the plugin&apos;s resources/templates/planning_map_A3_landscape.qpt. Its items are filled by their ids (main_map, which it must have, overview, legend, title, subtitle, table, chart, scale_bar, footer); everything else in it (a logo, the fonts, where things are) stays. It sets the paper size.</source>
        <translation>布局模板（可选）：在布局设计器中保存的 .qpt 文件，例如插件 resources/templates/planning_map_A3_landscape.qpt 的副本。模板中的项目按其 ID 填充（main_map 为必需，另有 overview、legend、title、subtitle、table、chart、scale_bar、footer）；其余内容（标志、字体、各项位置）保持不变。纸张大小由模板决定。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/planning_map.py" line="140"/>
        <source>Layout template (.qpt), optional</source>
        <translation>布局模板（.qpt），可选</translation>
    </message>
</context>
<context>
    <name>PopulationGridAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="126"/>
        <source>Population on the analysis grid</source>
        <translation>分析网格上的人口</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="68"/>
        <source>Population</source>
        <translation>人口</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="74"/>
        <source>Moves a population raster (people per cell: WorldPop, GHSL, HRSL, … in any CRS, usually degrees) onto a projected analysis grid in metres, without losing people: each source cell's people are split among the grid cells it overlaps, in proportion to the overlapping area (nearest-neighbour resampling would drop or duplicate cells).

Inputs: the population raster and band; an optional study-area polygon layer (grid cells whose centre lies outside it get NoData); the CRS of the grid (empty: the UTM zone of the study area's, or else the raster's, centre; it must be projected in metres); the cell size in metres (default 100 m; the grid's corners are snapped to multiples of it).

Output: a GeoTIFF of people per cell (Float64, NoData −99999). NoData, negative values and NaN in the source are never counted.

Report (in the log and as outputs): TOTAL_IN people in the source cells read, TOTAL_OUT people on the grid, OUTSIDE people outside the study area, RELATIVE_DIFFERENCE (TOTAL_OUT − TOTAL_IN) / TOTAL_IN, CONSERVATION_ERROR (TOTAL_OUT + OUTSIDE − TOTAL_IN) / TOTAL_IN, GRID_CRS, ROWS, COLUMNS.</source>
        <translation>将人口栅格（每个像元的人数：WorldPop、GHSL、HRSL 等，任意坐标系，通常以度为单位）转换到以米为单位的投影分析网格上，且不丢失人口：每个源像元的人口按重叠面积比例分配给与其重叠的网格像元（最近邻重采样会丢失或重复像元）。

输入：人口栅格及波段；可选的研究区多边形图层（中心点位于其外的网格像元为无数据）；网格坐标系（留空：研究区中心所在的 UTM 分带，否则为栅格中心所在的分带；必须是以米为单位的投影坐标系）；像元大小（米，默认 100 米；网格角点对齐到其整数倍）。

输出：每个像元人口的 GeoTIFF（Float64，无数据值 −99999）。源数据中的无数据值、负值和 NaN 从不计入。

报告（写入日志并作为输出）：TOTAL_IN 读取的源像元人口，TOTAL_OUT 网格上的人口，OUTSIDE 研究区以外的人口，RELATIVE_DIFFERENCE (TOTAL_OUT − TOTAL_IN) / TOTAL_IN，CONSERVATION_ERROR (TOTAL_OUT + OUTSIDE − TOTAL_IN) / TOTAL_IN，GRID_CRS，ROWS，COLUMNS。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="94"/>
        <source>Population raster (people per cell)</source>
        <translation>人口栅格（每个像元的人数）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="99"/>
        <source>Band (default 1)</source>
        <translation>波段（默认 1）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="104"/>
        <source>Study area (optional)</source>
        <translation>研究区（可选）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="112"/>
        <source>CRS of the analysis grid (empty = UTM zone)</source>
        <translation>分析网格的坐标系（留空 = UTM 分带）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="117"/>
        <source>Cell size (metres)</source>
        <translation>像元大小（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="141"/>
        <source>CRS of the grid</source>
        <translation>网格坐标系</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="184"/>
        <source>Analysis grid: {crs} ({how}), {size:g} m cells, {rows:,} rows × {cols:,} columns</source>
        <translation>分析网格：{crs}（{how}），像元 {size:g} 米，{rows:,} 行 × {cols:,} 列</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="192"/>
        <source>The population raster holds no people here (all cells are 0).</source>
        <translation>人口栅格在此范围内没有人口（所有像元均为 0）。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="197"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="131"/>
        <source>People in the source raster</source>
        <translation>源栅格中的人口</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="131"/>
        <source>People on the analysis grid</source>
        <translation>分析网格上的人口</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="131"/>
        <source>People outside the study area</source>
        <translation>研究区以外的人口</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="131"/>
        <source>Relative difference (out − in) / in</source>
        <translation>相对差异（输出 − 输入）/ 输入</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="131"/>
        <source>Conservation error (out + outside − in) / in</source>
        <translation>守恒误差（输出 + 区外 − 输入）/ 输入</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="131"/>
        <source>Grid rows</source>
        <translation>网格行数</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/population_grid.py" line="131"/>
        <source>Grid columns</source>
        <translation>网格列数</translation>
    </message>
</context>
<context>
    <name>SampleRegionAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="97"/>
        <source>Create sample region</source>
        <translation>创建示例区域</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="100"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="106"/>
        <source>Generates the built-in sample region: a synthetic pastoral county (banner) in Inner Mongolia, about 150 km × 100 km in UTM zone 49N (EPSG:32649), with a county town, five townships, villages and herder households — about 150,000 people — and a summer and a winter population (herders move between pastures).

Inputs: a random seed (the same seed always gives the same region) and the cell size of the rasters in metres (100 m is native; coarser cells are faster).

Output: one GeoPackage with the layers county, districts (English and Chinese names), roads (paved, gravel, track), rivers, lakes, bridges, facilities (hospital, clinic, library, police, with capacity in people served), candidates, settlements and herder_camps, and the rasters population_summer and population_winter (people per cell, NoData −99999 outside the county) and landcover (class codes). Beside it, the population of each season as a GeoTIFF in EPSG:4326 on a 3″ grid, as WorldPop publishes it, with the same totals.</source>
        <translation>生成内置示例区域：内蒙古一个虚构的牧区旗县，约 150 千米 × 100 千米，位于 UTM 49N 带（EPSG:32649），包括旗政府所在地、五个苏木、若干嘎查和牧户——约 15 万人——并分夏季和冬季两套人口（牧民在草场之间转场）。

输入：随机种子（相同的种子总是生成相同的区域）和栅格像元大小（米；100 米为原始分辨率，像元越大越快）。

输出：一个 GeoPackage，包含图层 county、districts（中英文名称）、roads（柏油路、砂石路、土路）、rivers、lakes、bridges、facilities（医院、卫生院、图书馆、派出所，带服务人数容量）、candidates、settlements 和 herder_camps，以及栅格 population_summer 和 population_winter（每个像元的人数，旗县以外为无数据值 −99999）和 landcover（类型代码）。另在其旁按 WorldPop 的发布形式输出每个季节的人口 GeoTIFF（EPSG:4326，3″ 网格），总人口相同。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="123"/>
        <source>Random seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="128"/>
        <source>Cell size (metres)</source>
        <translation>像元大小（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="138"/>
        <source>Sample region GeoPackage</source>
        <translation>示例区域 GeoPackage</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="138"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="151"/>
        <source>Population, summer (EPSG:4326, 3″)</source>
        <translation>人口，夏季（EPSG:4326，3″）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="156"/>
        <source>Population, winter (EPSG:4326, 3″)</source>
        <translation>人口，冬季（EPSG:4326，3″）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="161"/>
        <source>People, summer</source>
        <translation>人口，夏季</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="162"/>
        <source>People, winter</source>
        <translation>人口，冬季</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="173"/>
        <source>Generating the sample county (seed {0}, {1:g} m)…</source>
        <translation>正在生成示例旗县（种子 {0}，{1:g} 米）……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="180"/>
        <source>Writing {0}…</source>
        <translation>正在写入 {0}……</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/sample_region.py" line="185"/>
        <source>{0} × {1} cells; people: summer {2:,.0f}, winter {3:,.0f}.</source>
        <translation>{0} × {1} 个像元；人口：夏季 {2:,.0f}，冬季 {3:,.0f}。</translation>
    </message>
</context>
<context>
    <name>SampleStyles</name>
    <message>
        <location filename="../report/sample_styles.py" line="65"/>
        <source>County boundary</source>
        <translation>旗县界</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="66"/>
        <source>Districts (township boundaries)</source>
        <translation>辖区（苏木乡镇界）</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="67"/>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="68"/>
        <source>River</source>
        <translation>河流</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="69"/>
        <source>Lakes</source>
        <translation>湖泊</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="70"/>
        <source>Bridges</source>
        <translation>桥梁</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="71"/>
        <source>Existing facilities</source>
        <translation>现有设施</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="72"/>
        <source>Candidate sites</source>
        <translation>候选站点</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="73"/>
        <source>Settlements</source>
        <translation>居民点</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="74"/>
        <source>Herder camps</source>
        <translation>牧户营地</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="75"/>
        <source>Population, summer (people per cell)</source>
        <translation>人口，夏季（每个像元的人数）</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="78"/>
        <source>Population, winter (people per cell)</source>
        <translation>人口，冬季（每个像元的人数）</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="81"/>
        <source>People per km², summer</source>
        <translation>每平方千米人口，夏季</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="84"/>
        <source>People per km², winter</source>
        <translation>每平方千米人口，冬季</translation>
    </message>
    <message>
        <location filename="../report/sample_styles.py" line="87"/>
        <source>Land cover</source>
        <translation>土地覆盖</translation>
    </message>
</context>
<context>
    <name>ScenarioActions</name>
    <message>
        <location filename="../gui/scenario_actions.py" line="67"/>
        <source>Give the scenario a name.</source>
        <translation>请为方案命名。</translation>
    </message>
    <message>
        <location filename="../gui/scenario_actions.py" line="70"/>
        <source>Build the model and place some stops before saving a scenario.</source>
        <translation>保存方案之前，请先构建模型并放置一些服务点。</translation>
    </message>
    <message>
        <location filename="../gui/scenario_actions.py" line="73"/>
        <source>The numbers are still being updated; save again in a moment.</source>
        <translation>统计数据仍在更新；请稍后再保存。</translation>
    </message>
    <message>
        <location filename="../gui/scenario_actions.py" line="110"/>
        <source>Scenario &apos;{name}&apos; saved.</source>
        <translation>方案“{name}”已保存。</translation>
    </message>
    <message>
        <location filename="../gui/scenario_actions.py" line="153"/>
        <source>Switch to scenario {name}</source>
        <translation>切换到方案 {name}</translation>
    </message>
    <message>
        <location filename="../gui/scenario_actions.py" line="200"/>
        <source>Build the model to map who gains and who loses.</source>
        <translation>请先构建模型，才能在地图上显示获得和失去覆盖的人口。</translation>
    </message>
    <message>
        <location filename="../gui/scenario_actions.py" line="206"/>
        <source>Gain (+) / loss (−): {b} vs {a}</source>
        <translation>获得（+）/ 失去（−）：{b} 对比 {a}</translation>
    </message>
    <message>
        <location filename="../gui/scenario_actions.py" line="238"/>
        <source>MPS Planner: comparing scenarios</source>
        <translation>流动公共服务规划：正在比较方案</translation>
    </message>
    <message>
        <location filename="../gui/scenario_actions.py" line="219"/>
        <source>Area gained / lost: {b} vs {a}</source>
        <translation>覆盖范围增减：{b} 对比 {a}</translation>
    </message>
</context>
<context>
    <name>ScenariosView</name>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="41"/>
        <source>Save the current plan</source>
        <translation>保存当前规划</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="44"/>
        <source>Scenario name, e.g. &apos;Three new stops&apos;</source>
        <translation>方案名称，例如“新增三个服务点”</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="45"/>
        <source>A name for the sites, standard and numbers as they are now</source>
        <translation>为当前的站点、标准和统计数据命名</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="47"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="48"/>
        <source>Save the current sites, standard, settings and numbers in the project&apos;s GeoPackage (a name used before is replaced)</source>
        <translation>将当前站点、标准、设置和统计数据保存到项目的 GeoPackage 中（同名方案会被替换）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="55"/>
        <source>Saved scenarios</source>
        <translation>已保存的方案</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="58"/>
        <source>Scenarios saved with this project</source>
        <translation>随本项目保存的方案</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="61"/>
        <source>Switch to</source>
        <translation>切换到</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="62"/>
        <source>Replace the stops on the map by this scenario&apos;s stops (undoable)</source>
        <translation>用该方案的服务点替换地图上的服务点（可撤销）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="65"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="66"/>
        <source>Delete the selected scenario from the GeoPackage</source>
        <translation>从 GeoPackage 中删除所选方案</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="73"/>
        <source>Compare two scenarios</source>
        <translation>比较两个方案</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="76"/>
        <source>The scenario to compare from (A)</source>
        <translation>作为比较基准的方案（A）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="78"/>
        <source>The scenario to compare with (B); the difference is B − A</source>
        <translation>用于比较的方案（B）；差值为 B − A</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="79"/>
        <source>A</source>
        <translation>A</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="80"/>
        <source>B</source>
        <translation>B</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="81"/>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="82"/>
        <source>Show both scenarios&apos; numbers side by side and map who gains and who loses</source>
        <translation>并排显示两个方案的统计数据，并在地图上显示获得和失去覆盖的人口</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="186"/>
        <source>B − A</source>
        <translation>B − A</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="143"/>
        <source>{name} — {share:.1%} within {t:g} min, {n} sites</source>
        <translation>{name} — {t:g} 分钟内覆盖 {share:.1%}，{n} 个站点</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="174"/>
        <source>≤ {t:g} min</source>
        <translation>≤ {t:g} 分钟</translation>
    </message>
    <message>
        <location filename="../gui/widgets/scenarios_view.py" line="92"/>
        <source>People reached per threshold, then the people reached in each district within the target, as saved with each scenario</source>
        <translation>各阈值内的覆盖人口，以及各辖区在目标时间内的覆盖人口，均为方案保存时的数值</translation>
    </message>
</context>
<context>
    <name>SelectSitesAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="83"/>
        <source>Select new sites</source>
        <translation>选择新站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="86"/>
        <source>Site selection</source>
        <translation>选址</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="92"/>
        <source>Chooses where new mobile stops or facilities should go, from candidate points, with the existing sites kept. Travel times come from the speed raster (km/h); a person is covered when a site is within the threshold (minutes).
Problems: maximal covering (P new sites covering the most people not yet covered); fewest sites for a target (the fewest new sites covering the target % of all people); p-median (P new sites minimising people × minutes to the nearest site, searched up to the maximum minutes). An equity floor (%) asks every district to reach that covered share; if one cannot, the error says which and why.
Solving: exact (MILP, HiGHS) where the instance allows, within the time limit (s), with the optimality gap reported; a fast heuristic (greedy + swaps) otherwise, and as the fallback when the limit ends first.
Outputs: the chosen sites (rank, people each adds, people covered after it), coverage before/after per district, the coverage curve (people covered against the number of new sites) as a table and an SVG chart.</source>
        <translation>在保留现有站点的前提下，从候选点中选出新的流动服务点或设施应设在何处。出行时间由速度栅格（千米/小时）计算；当阈值（分钟）内有站点时，该居民即被覆盖。
问题类型：最大覆盖（P 个新站点覆盖尚未覆盖人口中的最多者）；达到目标的最少站点（用最少的新站点覆盖全部人口的目标百分比）；p-中位（P 个新站点使人口 × 到最近站点的分钟数最小，搜索至最大分钟数）。均等下限（%）要求每个辖区都达到该覆盖比例；若某个辖区无法达到，错误信息会说明是哪个辖区以及原因。
求解：在问题规模允许时精确求解（混合整数线性规划 MILP，HiGHS），在时间上限（秒）内完成并报告最优性间隙；否则使用快速启发式算法（贪心 + 交换），时间用尽时也以其结果作为备选。
输出：选中的站点（排名、每个站点新增的人口、加入该站点后的覆盖人口）、各辖区选址前后的覆盖情况、覆盖曲线（覆盖人口与新站点数的关系），以表格和 SVG 图表给出。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="111"/>
        <source>Population raster</source>
        <translation>人口栅格</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="114"/>
        <source>Speed surface (km/h)</source>
        <translation>速度面（千米/小时）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="117"/>
        <source>Candidate sites</source>
        <translation>候选站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="122"/>
        <source>Candidate name field</source>
        <translation>候选点名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="130"/>
        <source>Existing sites (kept)</source>
        <translation>现有站点（保留）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="138"/>
        <source>Problem</source>
        <translation>问题类型</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="138"/>
        <source>Maximal covering: P new sites</source>
        <translation>最大覆盖：P 个新站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="138"/>
        <source>Fewest new sites for a target</source>
        <translation>达到目标的最少新站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="138"/>
        <source>p-median: least travel time</source>
        <translation>p-中位：出行时间最少</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="150"/>
        <source>Number of new sites (P)</source>
        <translation>新站点数（P）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="155"/>
        <source>Target share of people covered, %</source>
        <translation>目标覆盖人口比例（%）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="165"/>
        <source>Threshold, minutes</source>
        <translation>阈值（分钟）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="174"/>
        <source>p-median: search up to, minutes (0 = twice the threshold)</source>
        <translation>p-中位：搜索上限，分钟（0 = 阈值的两倍）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="183"/>
        <source>Districts</source>
        <translation>辖区</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="191"/>
        <source>District name field</source>
        <translation>辖区名称字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="199"/>
        <source>Equity floor: covered share in every district, % (0 = none)</source>
        <translation>均等下限：每个辖区的覆盖比例，%（0 = 不设）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="209"/>
        <source>Solver</source>
        <translation>求解器</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="209"/>
        <source>Automatic (exact where the instance allows)</source>
        <translation>自动（问题规模允许时精确求解）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="209"/>
        <source>Exact (MILP)</source>
        <translation>精确（MILP）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="209"/>
        <source>Heuristic</source>
        <translation>启发式</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="221"/>
        <source>Time limit, s</source>
        <translation>时间上限（秒）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="230"/>
        <source>Snapping distance for sites, m</source>
        <translation>站点捕捉距离（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="239"/>
        <source>Chosen sites</source>
        <translation>选中的站点</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="244"/>
        <source>Coverage before and after, per district</source>
        <translation>各辖区选址前后的覆盖情况</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="252"/>
        <source>Coverage curve</source>
        <translation>覆盖曲线</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="260"/>
        <source>Coverage curve chart</source>
        <translation>覆盖曲线图</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="260"/>
        <source>SVG files (*.svg)</source>
        <translation>SVG 文件 (*.svg)</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="268"/>
        <source>How it was solved</source>
        <translation>求解方式</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="269"/>
        <source>Objective</source>
        <translation>目标函数值</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="270"/>
        <source>Best bound</source>
        <translation>最优界</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="271"/>
        <source>Optimality gap</source>
        <translation>最优性间隙</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="272"/>
        <source>Covered share</source>
        <translation>覆盖比例</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/select_sites.py" line="314"/>
        <source>Travel times of {n} candidates…</source>
        <translation>正在计算 {n} 个候选站点的出行时间……</translation>
    </message>
</context>
<context>
    <name>SiteToolActions</name>
    <message>
        <location filename="../gui/maptools/tool_actions.py" line="76"/>
        <source>Add stop</source>
        <translation>添加服务点</translation>
    </message>
    <message>
        <location filename="../gui/maptools/tool_actions.py" line="76"/>
        <source>Click on the map to place a mobile stop</source>
        <translation>在地图上单击以放置流动服务点</translation>
    </message>
    <message>
        <location filename="../gui/maptools/tool_actions.py" line="80"/>
        <source>Add candidate</source>
        <translation>添加候选点</translation>
    </message>
    <message>
        <location filename="../gui/maptools/tool_actions.py" line="80"/>
        <source>Click on the map to place a candidate facility</source>
        <translation>在地图上单击以放置候选设施</translation>
    </message>
    <message>
        <location filename="../gui/maptools/tool_actions.py" line="84"/>
        <source>Move</source>
        <translation>移动</translation>
    </message>
    <message>
        <location filename="../gui/maptools/tool_actions.py" line="84"/>
        <source>Drag a stop or candidate to move it; Esc cancels</source>
        <translation>拖动服务点或候选点以移动它；按 Esc 取消</translation>
    </message>
    <message>
        <location filename="../gui/maptools/tool_actions.py" line="88"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../gui/maptools/tool_actions.py" line="88"/>
        <source>Click on a stop or candidate to delete it</source>
        <translation>单击服务点或候选点将其删除</translation>
    </message>
</context>
<context>
    <name>SolverActions</name>
    <message>
        <location filename="../gui/solver_actions.py" line="101"/>
        <source>Place some candidate sites first (Add candidate), then propose stops.</source>
        <translation>请先放置一些候选点（添加候选点），再推荐服务点。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="128"/>
        <source>Choose the roads layer (Inputs ▸ Travel model) first.</source>
        <translation>请先选择道路图层（输入 ▸ 出行模型）。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="135"/>
        <source>Place some mobile stops first, then plan routes.</source>
        <translation>请先放置一些流动服务点，再规划路线。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="170"/>
        <source>This solver is not available in this version yet.</source>
        <translation>此版本尚未提供该求解器。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="173"/>
        <source>Build the model first (Inputs ▸ Build model).</source>
        <translation>请先构建模型（输入 ▸ 构建模型）。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="194"/>
        <source>MPS Planner: proposing stops</source>
        <translation>流动公共服务规划：正在推荐服务点</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="195"/>
        <source>MPS Planner: planning routes</source>
        <translation>流动公共服务规划：正在规划路线</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="240"/>
        <source>Proposed stops</source>
        <translation>推荐的服务点</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="243"/>
        <source>{n} stops proposed; {p:,.0f} people reached within the target.</source>
        <translation>已推荐 {n} 个服务点；目标时间内覆盖 {p:,.0f} 人。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="257"/>
        <source>Routes</source>
        <translation>路线</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="269"/>
        <source>{n} routes planned.</source>
        <translation>已规划 {n} 条路线。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="230"/>
        <source>The result could not be written: {e}</source>
        <translation>无法写入结果：{e}</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="300"/>
        <source>Add the proposed stops</source>
        <translation>添加推荐的服务点</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="256"/>
        <source>Timetable</source>
        <translation>时刻表</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="259"/>
        <source>Incomplete plan: {m} visits do not fit into the vehicles&apos; working days ({n} routes planned). Use fewer stops, a longer visit interval in the standard, or more facilities as depots.</source>
        <translation>方案不完整：有 {m} 次巡回安排不进车辆的工作日（已规划 {n} 条路线）。请减少服务点、在服务标准中延长巡回间隔，或增加可作为基地的设施。</translation>
    </message>
</context>
<context>
    <name>SpeedSurfaceAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="66"/>
        <source>Speed surface</source>
        <translation>速度面</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="69"/>
        <source>Travel time</source>
        <translation>出行时间</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="75"/>
        <source>Builds a raster of travel speed (km/h) for one travel mode.
Land cover: each class gets a speed from the table (empty table = defaults for the mode: grassland, sand, wetland, water, farmland, built-up, codes 1–6). Roads are burnt in with a speed per road class (field values paved/gravel/track, their Chinese names or OpenStreetMap highway tags; the table overrides them). Barriers (rivers, fences, borders; lines or polygons) are impassable except where a road crosses them, or only at the bridge points when a bridge layer is given. A constant speed (&gt; 0) replaces the land cover (straight-line travel).
The output is on the analysis grid: the grid raster if given (use the population grid), else the land-cover raster's grid; it must be in metres. 0 = impassable.</source>
        <translation>为一种出行方式生成出行速度栅格（千米/小时）。
土地覆盖：每种类型按表格取速度（表格为空 = 使用该出行方式的默认值：草地、沙地、湿地、水体、耕地、建设用地，代码 1–6）。道路按道路等级赋予速度后写入（字段取值为 paved/gravel/track、对应的中文名称或 OpenStreetMap highway 标签；表格可覆盖这些值）。障碍（河流、围栏、边界；线或面）不可通行，道路穿过处除外；若提供桥梁图层，则仅桥梁点处可通行。恒定速度（&gt; 0）会替代土地覆盖（按直线出行）。
输出位于分析网格上：若提供网格栅格则使用它（建议使用人口网格），否则使用土地覆盖栅格的网格；必须以米为单位。0 = 不可通行。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="89"/>
        <source>Analysis grid (e.g. the population grid)</source>
        <translation>分析网格（例如人口网格）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="94"/>
        <source>Land-cover raster</source>
        <translation>土地覆盖栅格</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="99"/>
        <source>Travel mode</source>
        <translation>出行方式</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="104"/>
        <source>Land-cover class → km/h (empty = defaults for the mode)</source>
        <translation>土地覆盖类型 → 千米/小时（留空 = 该出行方式的默认值）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="134"/>
        <source>Class value</source>
        <translation>类型值</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="134"/>
        <source>km/h</source>
        <translation>千米/小时</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="112"/>
        <source>Constant speed, km/h (0 = use the land cover)</source>
        <translation>恒定速度，千米/小时（0 = 使用土地覆盖）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="121"/>
        <source>Roads</source>
        <translation>道路</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="126"/>
        <source>Road class field</source>
        <translation>道路等级字段</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="134"/>
        <source>Road class → km/h (empty = defaults for the mode)</source>
        <translation>道路等级 → 千米/小时（留空 = 该出行方式的默认值）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="142"/>
        <source>Barriers (rivers, fences, borders)</source>
        <translation>障碍（河流、围栏、边界）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="150"/>
        <source>Bridges (only these road crossings are open)</source>
        <translation>桥梁（只有这些道路交叉处可通行）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="158"/>
        <source>Bridge snapping distance, m</source>
        <translation>桥梁捕捉距离（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="167"/>
        <source>Speed (km/h)</source>
        <translation>速度（千米/小时）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/speed_surface.py" line="220"/>
        <source>Speed surface for {mode}: {rows} × {cols} cells of {cell:g} m; {share:.1f} % passable.</source>
        <translation>{mode}的速度面：{rows} × {cols} 个 {cell:g} 米像元；{share:.1f}% 可通行。</translation>
    </message>
</context>
<context>
    <name>StandardBox</name>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="51"/>
        <source>Service standard</source>
        <translation>服务标准</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="56"/>
        <source>A preset standard, or one you saved; every field below can be changed</source>
        <translation>预设标准或您保存的标准；下面的每个字段都可以修改</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="60"/>
        <source>Save as…</source>
        <translation>另存为……</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="61"/>
        <source>Save this standard under a new name in QGIS&apos;s settings (all projects)</source>
        <translation>以新名称将此标准保存到 QGIS 设置中（所有项目可用）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="64"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="65"/>
        <source>Delete the saved standard (presets stay)</source>
        <translation>删除已保存的标准（预设标准保留）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="68"/>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="72"/>
        <source>The service; fixed facilities of this service (a hospital for a clinic) count</source>
        <translation>服务类型；统计提供该服务的固定设施（卫生院服务也包括医院）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="75"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="77"/>
        <source>Residents travel to the site</source>
        <translation>居民前往站点</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="78"/>
        <source>The unit travels to the residents</source>
        <translation>服务单位前往居民处</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="79"/>
        <source>Who travels: residents to a stop, or a vehicle to them</source>
        <translation>谁出行：居民前往服务点，或车辆前往居民处</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="80"/>
        <source>Who travels</source>
        <translation>出行者</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="84"/>
        <source>How they travel: sets the speeds of land cover and roads</source>
        <translation>出行方式：决定土地覆盖和道路的速度</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="85"/>
        <source>Travel mode</source>
        <translation>出行方式</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="87"/>
        <source>Travel-time thresholds in minutes, e.g. 15, 30, 60 (a cell is reached within T exactly when its time is ≤ T)</source>
        <translation>出行时间阈值（分钟），例如 15, 30, 60（当像元的时间 ≤ T 时即视为在 T 内可达）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="91"/>
        <source>Thresholds, min</source>
        <translation>阈值（分钟）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="95"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="96"/>
        <source>The standard itself: the threshold shares are shown for</source>
        <translation>标准本身：各辖区覆盖比例按此阈值显示</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="97"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="101"/>
        <source>not visited on a calendar</source>
        <translation>不按日程巡回</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="102"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="103"/>
        <source>How often a mobile stop is visited (0: no calendar)</source>
        <translation>流动服务点的巡回间隔（0：不按日程）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="104"/>
        <source>Visit every</source>
        <translation>巡回间隔</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="141"/>
        <source>Clinic</source>
        <translation>卫生院</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="125"/>
        <source>Hospital</source>
        <translation>医院</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="126"/>
        <source>Library</source>
        <translation>图书馆</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="127"/>
        <source>Police</source>
        <translation>警务</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="128"/>
        <source>Combined vehicle</source>
        <translation>综合服务车</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="134"/>
        <source>Walking</source>
        <translation>步行</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="135"/>
        <source>Riding (horse or motorcycle)</source>
        <translation>骑行（马或摩托车）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="136"/>
        <source>Vehicle</source>
        <translation>汽车</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="227"/>
        <source>Save the standard</source>
        <translation>保存标准</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="227"/>
        <source>Name of the new standard:</source>
        <translation>新标准的名称：</translation>
    </message>
</context>
<context>
    <name>StopsEditor</name>
    <message>
        <location filename="../gui/stop_edits.py" line="64"/>
        <source>The stops layer is missing: choose or create one.</source>
        <translation>缺少服务点图层：请选择或新建一个。</translation>
    </message>
    <message>
        <location filename="../gui/stop_edits.py" line="67"/>
        <source>The stops layer &apos;{name}&apos; cannot be edited (is it read-only?).</source>
        <translation>服务点图层“{name}”无法编辑（是否为只读？）。</translation>
    </message>
    <message>
        <location filename="../gui/stop_edits.py" line="81"/>
        <source>The stops layer refused the change.</source>
        <translation>服务点图层拒绝了此次修改。</translation>
    </message>
    <message>
        <location filename="../gui/stop_edits.py" line="86"/>
        <source>The stops could not be saved: {errors}</source>
        <translation>无法保存服务点：{errors}</translation>
    </message>
    <message>
        <location filename="../gui/stop_edits.py" line="102"/>
        <source>That stop is no longer in the stops layer.</source>
        <translation>该服务点已不在服务点图层中。</translation>
    </message>
</context>
<context>
    <name>TimetableAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="46"/>
        <source>Mobile timetable (driver sheet and stop notices)</source>
        <translation>流动服务时刻表（司机时刻表与服务点告示）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="49"/>
        <source>Mobile services</source>
        <translation>流动服务</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="55"/>
        <source>Exports the timetable of a mobile service plan made by 'Plan mobile routes'.

Inputs: ROUTES and VISITS, that algorithm's route and visit layers; CYCLES, how many repetitions of the planning period to list (e.g. 3 × 4 weeks for a quarter); START_DATE (YYYY-MM-DD, optional), the first day of the listing — it replaces the plan's own start date so that a notice can give real dates.

Outputs: DRIVER_CSV, one row per leaving the depot, each stop (arrival and departure, HH:MM) and the return, with the minutes driven since the previous row, by vehicle and day — a sheet a driver can follow; NOTICE_CSV, one row per visit by stop and date, arrival and departure — what to post at each stop. Both are UTF-8 with BOM, so spreadsheet programs show Chinese names; headers are in English and Chinese. OUTPUT_DRIVER and OUTPUT_NOTICES hold the same rows as table layers.</source>
        <translation>导出由“规划流动路线”生成的流动服务方案的时刻表。

输入：ROUTES 和 VISITS，即该算法输出的路线图层和到访图层；CYCLES，列出规划周期的重复次数（例如一个季度为 3 × 4 周）；START_DATE（YYYY-MM-DD，可选），列表的第一天——它会替代方案本身的开始日期，使告示能够给出实际日期。

输出：DRIVER_CSV，按车辆和日期，每次离开基地、每个服务点（到达和离开时间，HH:MM）以及返回各一行，并给出自上一行以来的行驶分钟数——司机可照此执行；NOTICE_CSV，按服务点和日期每次巡回一行，含到达和离开时间——用于张贴在各服务点。两者均为带 BOM 的 UTF-8，电子表格程序可正确显示中文名称；表头为中英双语。OUTPUT_DRIVER 和 OUTPUT_NOTICES 以表格图层形式保存相同的内容。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="71"/>
        <source>Routes (from Plan mobile routes)</source>
        <translation>路线（来自“规划流动路线”）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="78"/>
        <source>Visits (from Plan mobile routes)</source>
        <translation>到访（来自“规划流动路线”）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="85"/>
        <source>Repetitions of the planning period to list</source>
        <translation>列出规划周期的重复次数</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="95"/>
        <source>First day of the listing (YYYY-MM-DD; empty: the plan&apos;s)</source>
        <translation>列表的第一天（YYYY-MM-DD；留空：使用方案的日期）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="102"/>
        <source>Driver timetable (CSV)</source>
        <translation>司机时刻表（CSV）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="107"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="107"/>
        <source>Notices for the stops (CSV)</source>
        <translation>服务点告示（CSV）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="114"/>
        <source>Driver timetable</source>
        <translation>司机时刻表</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="123"/>
        <source>Visits by stop</source>
        <translation>按服务点列出的巡回</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="144"/>
        <source>{r} vehicle-days, {v} visits at {s} stops over {d} days.</source>
        <translation>{r} 个车日，{d} 天内在 {s} 个服务点共巡回 {v} 次。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="153"/>
        <source>No start date: days are numbered from 1 (a Monday); give START_DATE.</source>
        <translation>没有开始日期：日期从第 1 天（星期一）起编号；请填写 START_DATE。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="160"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/timetable.py" line="175"/>
        <source>Could not write {}.</source>
        <translation>无法写入 {}。</translation>
    </message>
</context>
<context>
    <name>TravelTimeAlgorithm</name>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="42"/>
        <source>Travel time to the nearest site</source>
        <translation>到最近站点的出行时间</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="45"/>
        <source>Travel time</source>
        <translation>出行时间</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="51"/>
        <source>Minutes from the nearest source point to every cell of a speed raster (km/h), moving between the 8 neighbouring cells; a step costs the mean of the two cells' crossing times times the step length (the model of r.cost and scikit-image's MCP_Geometric). Cells with speed 0 are impassable.
Maximum time (minutes, 0 = no limit) stops the search there: beyond it the output is NoData, and only the cells within the limit are computed.
Sources on impassable cells or just outside the raster are moved to the nearest passable cell within the snapping distance (metres); the others are named in the error. A straight-line speed above 0 km/h ignores the terrain and uses straight-line distance at that speed instead.
Outputs: minutes (NoData −1 where unreachable) and the feature id of the nearest source (NoData −1).</source>
        <translation>在速度栅格（千米/小时）上计算从最近出发点到每个像元的分钟数，在 8 个相邻像元之间移动；每一步的代价为两个像元穿越时间的平均值乘以步长（与 r.cost 和 scikit-image 的 MCP_Geometric 模型相同）。速度为 0 的像元不可通行。
最大时间（分钟，0 = 不限）处停止搜索：超出部分输出为无数据，且只计算限值以内的像元。
位于不可通行像元上或稍在栅格之外的出发点，会移动到捕捉距离（米）内最近的可通行像元；其余的会在错误信息中列出。直线速度大于 0 千米/小时时忽略地形，改用该速度下的直线距离。
输出：分钟数（不可达处无数据值为 −1）以及最近出发点的要素编号（无数据值 −1）。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="67"/>
        <source>Speed surface (km/h)</source>
        <translation>速度面（千米/小时）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="70"/>
        <source>Sources (sites)</source>
        <translation>出发点（站点）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="75"/>
        <source>Name field (for messages)</source>
        <translation>名称字段（用于提示信息）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="83"/>
        <source>Maximum time, minutes (0 = no limit)</source>
        <translation>最大时间，分钟（0 = 不限）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="92"/>
        <source>Snapping distance for sources, m</source>
        <translation>出发点捕捉距离（米）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="101"/>
        <source>Straight-line speed, km/h (0 = use the speed surface)</source>
        <translation>直线速度，千米/小时（0 = 使用速度面）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="110"/>
        <source>Travel time (min)</source>
        <translation>出行时间（分钟）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="113"/>
        <source>Nearest source (feature id)</source>
        <translation>最近出发点（要素编号）</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="131"/>
        <source>{n} source feature(s) without a point were left out.</source>
        <translation>{n} 个没有点几何的出发点要素被忽略。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/travel_time.py" line="175"/>
        <source>{n} sources; {share:.1f} % of passable cells reached.</source>
        <translation>{n} 个出发点；{share:.1f}% 的可通行像元可到达。</translation>
    </message>
</context>
<context>
    <name>WorkBox</name>
    <message>
        <location filename="../gui/widgets/work_box.py" line="30"/>
        <source>Proposals</source>
        <translation>推荐</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="32"/>
        <source>Propose stops</source>
        <translation>推荐服务点</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="36"/>
        <source> stops</source>
        <translation> 个服务点</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="37"/>
        <source>How many new stops to propose</source>
        <translation>推荐多少个新服务点</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="38"/>
        <source>Add to plan</source>
        <translation>加入规划</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="39"/>
        <source>Add the proposed stops to the stops layer (undoable)</source>
        <translation>将推荐的服务点加入服务点图层（可撤销）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="41"/>
        <source>Plan routes</source>
        <translation>规划路线</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="45"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="46"/>
        <source>The planning period of the routes and visit calendar</source>
        <translation>路线和巡回日程的规划周期</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="49"/>
        <source>Progress of the running proposal</source>
        <translation>正在进行的推荐计算的进度</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="50"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="51"/>
        <source>Stop the running proposal; nothing is changed</source>
        <translation>停止正在进行的推荐计算；不会改动任何内容</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="53"/>
        <source>What the proposal tools are doing</source>
        <translation>推荐工具当前的状态</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="80"/>
        <source>Choose the best of your candidate sites to reach the most people not yet reached within the target (maximal covering)</source>
        <translation>从候选点中选出最佳站点，使目标时间内新覆盖的人口最多（最大覆盖）</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="80"/>
        <source>Will choose the best of your candidate sites to reach the most people not yet reached (site selection); not available in this version yet</source>
        <translation>将从候选点中选出最佳站点，使新覆盖的人口最多（选址）；此版本尚不可用</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="86"/>
        <source>Plan vehicle routes along the roads visiting the mobile stops as often as the standard asks, with a calendar</source>
        <translation>沿道路规划车辆路线，按标准要求的频次巡回各流动服务点，并生成日程</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="86"/>
        <source>Will plan vehicle routes and a visit calendar for the mobile stops (mobile plans); not available in this version yet</source>
        <translation>将为流动服务点规划车辆路线和巡回日程（流动方案）；此版本尚不可用</translation>
    </message>
    <message>
        <location filename="../gui/widgets/work_box.py" line="107"/>
        <source>Working… you can keep editing meanwhile.</source>
        <translation>计算中……您可以同时继续编辑。</translation>
    </message>
</context>
</TS>
