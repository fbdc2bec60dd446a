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
        <location filename="../processing/algorithms/catchments.py" line="232"/>
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
        <location filename="../processing/algorithms/coverage.py" line="304"/>
        <source>Within {t:g} min: {c:,.0f} of {n:,.0f} people ({s:.1f} %).</source>
        <translation>{t:g} 分钟内：{n:,.0f} 人中有 {c:,.0f} 人（{s:.1f}%）。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/coverage.py" line="346"/>
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
        <location filename="../report/analysis_styles.py" line="89"/>
        <source>{lower:g}–{upper:g} min</source>
        <translation>{lower:g}–{upper:g} 分钟</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="116"/>
        <source>gained</source>
        <translation>获得覆盖</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="116"/>
        <source>lost</source>
        <translation>失去覆盖</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="131"/>
        <source>lose 5 or more</source>
        <translation>失去 5 人及以上</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="134"/>
        <source>lose fewer than 5</source>
        <translation>失去少于 5 人</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="137"/>
        <source>no change</source>
        <translation>无变化</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="140"/>
        <source>gain up to 5</source>
        <translation>获得至多 5 人</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="143"/>
        <source>gain more than 5</source>
        <translation>获得 5 人以上</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="177"/>
        <source>reached in B only</source>
        <translation>仅 B 方案覆盖</translation>
    </message>
    <message>
        <location filename="../report/analysis_styles.py" line="177"/>
        <source>reached in A only</source>
        <translation>仅 A 方案覆盖</translation>
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
        <location filename="../processing/algorithms/base.py" line="63"/>
        <source>Cancelled: no output was written.</source>
        <translation>已取消：未写入任何输出。</translation>
    </message>
    <message>
        <location filename="../processing/algorithms/base.py" line="67"/>
        <source>Not enough memory for this analysis. Use a coarser cell size or clip the input to the study area, then run it again.</source>
        <translation>内存不足，无法完成此分析。请使用更大的像元或将输入裁剪到研究区后重新运行。</translation>
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
        <location filename="../gui/tasks/plain_task.py" line="82"/>
        <source>Not enough memory for this analysis. Use a coarser cell size or clip the inputs to the study area.</source>
        <translation>内存不足，无法完成此分析。请使用更大的像元或将输入裁剪到研究区。</translation>
    </message>
    <message>
        <location filename="../gui/tasks/plain_task.py" line="87"/>
        <source>Something went wrong inside MPS Planner; the details are in the log (View ▸ Panels ▸ Log Messages, tab MPS Planner).</source>
        <translation>流动公共服务规划内部出错；详细信息见日志（视图 ▸ 面板 ▸ 日志消息，“MPS Planner”选项卡）。</translation>
    </message>
    <message>
        <location filename="../gui/tasks/plain_task.py" line="93"/>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
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
        <location filename="../gui/controller.py" line="334"/>
        <source>MPS Planner: building the travel model</source>
        <translation>流动公共服务规划：正在构建出行模型</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="341"/>
        <source>Building the travel model…</source>
        <translation>正在构建出行模型……</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="355"/>
        <source>Ready: {rows} × {cols} cells of {size:g} m.</source>
        <translation>就绪：{rows} × {cols} 个像元，像元大小 {size:g} 米。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="400"/>
        <source>Choose a population raster for {season} first.</source>
        <translation>请先为{season}选择人口栅格。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="437"/>
        <source>MPS Planner: coverage</source>
        <translation>流动公共服务规划：覆盖统计</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="514"/>
        <source>Stop {n}</source>
        <translation>服务点 {n}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="514"/>
        <source>Candidate {n}</source>
        <translation>候选点 {n}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="526"/>
        <source>Add {name}</source>
        <translation>添加 {name}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="534"/>
        <source>That stop is no longer in the stops layer.</source>
        <translation>该服务点已不在服务点图层中。</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="538"/>
        <source>Move {name}</source>
        <translation>移动 {name}</translation>
    </message>
    <message>
        <location filename="../gui/controller.py" line="549"/>
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
        <location filename="../gui/solver_actions.py" line="89"/>
        <source>Place some candidate sites first (Add candidate), then propose stops.</source>
        <translation>请先放置一些候选点（添加候选点），再推荐服务点。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="115"/>
        <source>Choose the roads layer (Inputs ▸ Travel model) first.</source>
        <translation>请先选择道路图层（输入 ▸ 出行模型）。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="122"/>
        <source>Place some mobile stops first, then plan routes.</source>
        <translation>请先放置一些流动服务点，再规划路线。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="157"/>
        <source>This solver is not available in this version yet.</source>
        <translation>此版本尚未提供该求解器。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="160"/>
        <source>Build the model first (Inputs ▸ Build model).</source>
        <translation>请先构建模型（输入 ▸ 构建模型）。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="181"/>
        <source>MPS Planner: proposing stops</source>
        <translation>流动公共服务规划：正在推荐服务点</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="182"/>
        <source>MPS Planner: planning routes</source>
        <translation>流动公共服务规划：正在规划路线</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="207"/>
        <source>Proposed stops</source>
        <translation>推荐的服务点</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="210"/>
        <source>{n} stops proposed; {p:,.0f} people reached within the target.</source>
        <translation>已推荐 {n} 个服务点；目标时间内覆盖 {p:,.0f} 人。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="218"/>
        <source>Routes</source>
        <translation>路线</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="219"/>
        <source>{n} routes planned.</source>
        <translation>已规划 {n} 条路线。</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="223"/>
        <source>The result could not be written: {e}</source>
        <translation>无法写入结果：{e}</translation>
    </message>
    <message>
        <location filename="../gui/solver_actions.py" line="256"/>
        <source>Add the proposed stops</source>
        <translation>添加推荐的服务点</translation>
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
        <location filename="../gui/widgets/standard_box.py" line="215"/>
        <source>Save the standard</source>
        <translation>保存标准</translation>
    </message>
    <message>
        <location filename="../gui/widgets/standard_box.py" line="215"/>
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
        <location filename="../processing/algorithms/travel_time.py" line="172"/>
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
