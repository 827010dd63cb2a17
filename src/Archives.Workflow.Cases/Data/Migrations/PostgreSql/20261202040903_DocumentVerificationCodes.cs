using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Archives.Workflow.Cases.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class DocumentVerificationCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "VerificationCode",
                table: "documents",
                type: "character varying(12)",
                maxLength: 12,
                nullable: false,
                defaultValue: "");

            // Every document already issued gets a code: 12 symbols of the codes' alphabet, each from the first byte of a fresh
            // gen_random_uuid() (fully random in a version 4 UUID; cryptographically generated); the unique index below refuses a repeat.
            migrationBuilder.Sql("""UPDATE documents SET "VerificationCode" = substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1)||substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', 1 + (get_byte(uuid_send(gen_random_uuid()), 0) & 31), 1);""");

            migrationBuilder.CreateIndex(
                name: "IX_documents_VerificationCode",
                table: "documents",
                column: "VerificationCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_documents_VerificationCode",
                table: "documents");

            migrationBuilder.DropColumn(
                name: "VerificationCode",
                table: "documents");
        }
    }
}
