using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Pilito.Infrastructure.Persistence.Migrations.PostgreSql
{
    /// <summary>
    /// The table whose lock gives the instances' write rounds their turns (ADR 0009). It holds no rows and maps to no
    /// entity, so the model, and the other providers' migrations, do not change.
    /// </summary>
    public partial class WriteRoundTurns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""CREATE TABLE "WriteRoundTurns" ();""");
            migrationBuilder.Sql("""COMMENT ON TABLE "WriteRoundTurns" IS 'Never holds rows: each write round locks it first, so the instances'' rounds take turns instead of failing each other (docs/decisions/0009).';""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TABLE "WriteRoundTurns";""");
        }
    }
}
